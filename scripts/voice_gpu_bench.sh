#!/bin/bash
# The personal-voice benchmark on a CUDA machine (the README's GPU rows).
#   bash scripts/voice_gpu_bench.sh MODEL.gguf TEXTS_DIR OUT_DIR
# TEXTS_DIR holds persuasion-20000.txt, persuasion.txt and emma.txt from
# scripts/voice_bench_texts.py. Needs torch with CUDA, transformers, peft, gguf, platformdirs.
set -o pipefail
M=$1 T=$2 OUT=$3
mkdir -p "$OUT"
export WRITING_ASSISTANT_HOME=${WRITING_ASSISTANT_HOME:-/tmp/wa-gpu} HF_HUB_OFFLINE=1 TQDM_DISABLE=1
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
python3 scripts/voice_sweep.py --texts "$T/persuasion-20000.txt" --model "$M" --device cuda \
  --configs 1e-3:2:4,2e-3:2:2,4e-3:2:2,2e-3:3:2 2>"$OUT/sweep.err" | tee "$OUT/sweep.jsonl"
python3 -m assistant voice train --name "Austen 20k" --model "$M" --device cuda --json \
  "$T/persuasion-20000.txt" 2>"$OUT/train20k.err" | tee "$OUT/train20k.json"
python3 -m assistant voice train --name "Austen long" --model "$M" --device cuda --json \
  "$T/persuasion.txt" "$T/emma.txt" 2>"$OUT/trainlong.err" | tee "$OUT/trainlong.json"
for voice in "" "Austen 20k"; do
  python3 -m assistant bench --model "$M" --device cuda ${voice:+--voice "$voice"} \
    --lengths 32,512 --new-tokens 64 --repeats 3 --no-baseline --json 2>>"$OUT/bench.err" \
    | tee -a "$OUT/bench.jsonl"
done
