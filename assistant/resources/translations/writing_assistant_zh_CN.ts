<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>&amp;File</source>
        <extracomment>Assist-menu actions that panels add go before this separator (Stop stays last).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find and &amp;Replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset Zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soft &amp;Wrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading &amp;Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Font…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Assist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue Writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Writing Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rewrite Selection…</source>
        <extracomment>Default keys; none clashes with File/Edit/View (Ctrl+Shift+S is Save As, so Summarize takes M; Ctrl+Shift+U is the Linux input-method Unicode key).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ummarize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <comment>Delete conversation</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <comment>Delete “%1” and all its messages? This cannot be undone.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes to “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes will be lost if you don&apos;t save them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editor font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a GGUF model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an address that starts with http:// or https://, or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This value is not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a number greater than %1 and at most %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a whole number from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a number from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 is also allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a number, e.g. 0.7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding:</source>
        <extracomment>The encodings offered, as (codec, BOM) in DocumentFormat terms; names come from it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>length limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens/s · %2 tokens · ended: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the current generation to finish… (queued %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped the previous request and started this one instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the model sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the exact text sent to the model for the last request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No prompt sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Some text was left out to fit the model&apos;s context.]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover unsaved documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing Assistant did not close normally. These documents had changes that were not saved. Checked documents are restored; unchecked ones are discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosaved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(never saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask Me Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… (%1 characters in all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovered documents could not be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be recovered: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite</source>
        <comment>The text changed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite</source>
        <comment>The selected text was edited while the rewrite was written.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite</source>
        <comment>Replace it anyway (your edits there are lost), or insert the rewrite below?</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite</source>
        <comment>Replace anyway</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite</source>
        <comment>Insert below</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take Snapshot</source>
        <extracomment>Files above this are read for the session snapshot off the GUI thread.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of this snapshot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your settings file could not be read, so Writing Assistant started with default settings. The old file was kept as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There was a problem with your settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your settings from an earlier version of Writing Assistant were carried over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These settings had values that are not allowed and were reset: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Unexpected error</source>
        <extracomment>Path of a Python file defining `run(window)`, called once the window is shown. Lets subprocess tests drive a real start (type, quit, crash) without a display.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong. Your text is still open; please save it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model loaded (--no-model)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangedOnDiskBar</name>
    <message>
        <source>Reload</source>
        <extracomment>Editors write a file in several steps; look once they are done.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was changed by another program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reloading discards your unsaved changes here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was deleted or moved by another program. Your text is still here; save it to write the file again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatFlow</name>
    <message>
        <source>Deleted “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inserted into the document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing a reply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No text is selected: the message was sent without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped the reply; what arrived was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before any reply arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model returned no text. Press Regenerate or send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped; the reply so far is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply failed: %1. Your message is back in the box; send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not everything fit the model&apos;s context: older messages or the start of the document were left out (see What the model sees).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation&apos;s title: type to rename it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who the assistant is in this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask about your text, brainstorm, or get feedback. Conversations stay on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use whole document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include the selected text with your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include the document with your message (cut to fit the model if long)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing an earlier message: Send replaces it and the replies after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message (Enter sends, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the reply to finish, or press Stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the reply to finish, or press Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Older messages or the start of the document were left out to fit.]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selection · %1 words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selection · none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole document · %1 words</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContextChip</name>
    <message>
        <source>Do not include this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove context</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContinueFlow</name>
    <message>
        <source>Already writing here. Press Esc to stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens/s · stopped: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model had nothing to add here. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue writing failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing alternative %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContinuePanel</name>
    <message>
        <source>Continue</source>
        <extracomment>(AlternativeBatch, text): insert `text` at the batch&apos;s anchor in its document.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much text to write at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low: predictable, repeats the obvious. High: surprising, may wander.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 writes into the document; more lists alternatives here to choose from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creativity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternatives:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With Alternatives above 1, the continuations are listed here to compare; they stay here, per place in the document, until you clear them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an alternative to preview it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the model sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No prompt sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[The beginning of the document was left out to fit the model.]
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model returned no text. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 alternatives</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentTab</name>
    <message>
        <source>Untitled %1</source>
        <extracomment>The name or the modified state changed (the tab and window titles follow). A (large, progressively inserted) file finished loading into the editor. The file was written by us (its path; watchers re-arm, recovery copies go). Names this document&apos;s autosave copy; a restored document reuses the crashed one&apos;s id.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadBox</name>
    <message>
        <source>Download from Hugging Face</source>
        <extracomment>A download finished and passed its checksums: the folder or .gguf file.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fits in memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No (needs %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: one .gguf file of the repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mirror of the Hub, e.g. https://hf-mirror.com; empty uses huggingface.co.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mirror:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a repository id such as Qwen/Qwen2.5-0.5B-Instruct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mirror address must start with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline mode is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline mode keeps this app from connecting to the internet. Turn it off and download %1 from %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not downloaded: offline mode is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1: %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 downloaded and verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download of %1 cancelled. Start it again to resume.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorPage</name>
    <message>
        <source>Use the system font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap long lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full window width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggest the next words while I type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestion delay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+ found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language takes effect after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a recovery copy every (seconds):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenerationPage</name>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summarize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inline suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repetition penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower temperature keeps the text closer to what you wrote; higher gives more surprising words. A fixed seed repeats the same result for the same text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default chat persona:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generation Presets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of “%1”</source>
        <extracomment>Above this many characters (both texts together) the line diff is skipped: difflib is quadratic in the worst case and the dialog must open at once. Unchanged lines shown around each change. The writer chose Restore: the snapshot&apos;s full text.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No snapshots yet. File › Take Snapshot… keeps the current text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This snapshot cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document is too large to compare here; Restore still works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the current text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red lines are in your text now; green lines come back with Restore.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Waiting for the model: %1 request(s) ahead</source>
        <extracomment>The current tab changed (DocumentTab or None).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still using %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start writing. Press %1 and the assistant continues from the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Writing Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Writing Assistant %1&lt;/h3&gt;&lt;p&gt;An offline editor for writers, with a local language model that continues, rewrites, summarizes and chats.&lt;/p&gt;&lt;p&gt;Nothing you write leaves this computer.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert this reply into the document at the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write this reply again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit this message and send it again (the replies after it go)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add GGUF File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use This Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Converted Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a model to see where it is stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed %1 from the list. Its files were not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear converted cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the converted copies of GGUF models? They are re-created the next time such a model loads (slower that once). Your own model files are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freed %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs about %2 of memory, but only %3 is free. Close other programs or choose a smaller model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is ready (%2, %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the speed of %1… (about a minute)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About %1 tokens per second; the first words appear after %2 s (%3, %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPage</name>
    <message>
        <source>Built-in model (SmolLM2-135M-Instruct)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (GPU if available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVIDIA GPU (CUDA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apple GPU (Metal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the model empty to use the built-in one. The model loads again when you press OK. A mirror (e.g. https://hf-mirror.com) is used only for downloads you start in the Model manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download mirror:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model &amp; Device</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <source>Everything you write and every chat stays on this computer. The app stores:</source>
        <extracomment>Chat history was deleted (open chat panels should forget what they show).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery copies of unsaved text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted model cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Chat History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline mode: never connect to the internet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On by default. While it is on, the app makes no network connection at all; downloading a model asks you to turn it off first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete chat history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every saved chat conversation? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 conversation(s) deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message numerus="yes">
        <source>Restored %n document(s). Save them to keep the changes.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RewriteFlow</name>
    <message>
        <source>Select the text to rewrite first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type an instruction first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewriting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: this rewrite is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model returned no text. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model left the text unchanged. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: review the changes, then Replace, Insert below or Copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That document was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing replaced: the text had changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaced. %1 undoes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inserted below the selection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That rewrite belongs to an earlier selection.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RewritePanel</name>
    <message>
        <source>Rewrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shorter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clearer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More formal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More casual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix grammar and spelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own instruction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Make it sound like a letter to a friend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your last five instructions are remembered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instruction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write another version; earlier ones stay listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewritten text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select text in the document, choose a style and press Rewrite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a change to keep the original there; click again to take it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the selection with the accepted changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type an instruction first, e.g. “Make it more vivid”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite the selected text (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select some text in the document first: Rewrite works on a selection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>The settings were applied (and saved): Settings object, the copy from before.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsPage</name>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New shortcut:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two actions share a shortcut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is used by: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpeedTest</name>
    <message>
        <source>The benchmark could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The speed test failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 word</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n words</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>1 character</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n characters</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Ln %1, Col %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummarizeFlow</name>
    <message>
        <source>Nothing to summarize: the document is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summarizing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Combining the parts (part %1 of %2)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summarizing part %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(round %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done. The end of the text did not fit and was left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model returned no text. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summarize failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inserted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummarizePanel</name>
    <message>
        <source>Summarize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short (a sentence or two)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium (a few sentences)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Long (a detailed paragraph)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As bullet points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The summary appears here. With no selection, the whole document is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert at cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert at top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summarizes the selection (%1 words).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summarizes the whole document (%1 words). Select text to narrow it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document is empty: write something first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[The end of the text was left out to fit the model&apos;s context.]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>page</name>
    <message>
        <source>Reset to Defaults</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <source>Autosave failed: %1. Save your work to keep it safe.</source>
        <extracomment>A round of autosaving ended: (documents written, reason: &quot;timer&quot;, &quot;focus&quot; or &quot;now&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save with Encoding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot restored. Undo (Ctrl+Z) brings your text back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>w</name>
    <message>
        <source>Only a document that was opened from a file can be reopened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” has unsaved changes. Save or undo them before reopening it with another encoding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen with Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open with Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try Another Encoding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save with Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Encoding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Inline Suggestions</source>
        <extracomment>Alternatives sample warmer than the first suggestion, or they repeat it. Attempts at an alternative that differs from the ones already shown. A suggestion was requested (request id); the bench times from here. The ghost text on screen changed (text, final: the model has finished it). The suggestion went away (accepted, dismissed or replaced by an edit).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggest the next words as you type (Tab accepts, Esc dismisses)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestions in This &amp;Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model needs about %1 of memory, but only %2 is free; it was not loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save with &amp;Encoding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen with E&amp;ncoding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take S&amp;napshot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The snapshot could not be saved: %1</source>
        <extracomment>A snapshot was stored (SnapshotInfo); emitted on the GUI thread.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot “%1” taken</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
