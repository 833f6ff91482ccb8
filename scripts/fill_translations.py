"""Fill unfinished entries of a .ts catalogue from a {source: translation} dict.

    python scripts/fill_translations.py CATALOGUE.ts MAP.py

MAP.py defines ``ZH = {...}``. Entries already translated are left as they are; the
script prints the sources it found no translation for.
"""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET


def fill(ts_path: str, mapping: dict[str, str]) -> list[str]:
    tree = ET.parse(ts_path)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        tr = message.find("translation")
        if tr is None:
            tr = ET.SubElement(message, "translation")
        if tr.get("type") not in ("unfinished",) and (tr.text or len(tr)):
            continue
        if source not in mapping:
            missing.append(source)
            continue
        tr.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for child in list(tr):
                tr.remove(child)
            tr.text = None
            ET.SubElement(tr, "numerusform").text = mapping[source]
        else:
            tr.text = mapping[source]
    ET.indent(tree)
    with open(ts_path, "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(fh, encoding="utf-8", xml_declaration=False)
    return missing


if __name__ == "__main__":
    table = runpy.run_path(sys.argv[2])["ZH"]
    for text in fill(sys.argv[1], table):
        print("missing:", text)
