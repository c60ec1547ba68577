"""Reference fixtures for the shipped sample models:
tests/data/reference/<model-name>/reference.safetensors (keys as in tools/reference/README.md),
for five prompts tokenized with Hugging Face's encoder. The prompt texts are in the
file's __metadata__ ("p0.text", ...). Model files are read from sample_models/<model-name>/.

Usage: /usr/bin/python3 tools/sample_models/make_sample_fixtures.py [tiny-gpt2 tiny-llama tiny-classic]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "reference"))
sys.path.insert(0, HERE)
from fixtures import write_reference  # noqa: E402
from prepare_data import node_encode  # noqa: E402

PROMPTS = [
    "The capital of France is",
    "Fransa'nın başkenti",
    "<|im_start|>user\nWhat is the capital of Japan?<|im_end|>\n<|im_start|>assistant\n",
    # held-out phrasings (issue 12): never in the training text
    "What is the capital of Italy?",
    "İtalya'nın başkenti neresidir?",
]


def main():
    names = sys.argv[1:] or ["tiny-gpt2", "tiny-llama", "tiny-classic"]
    ids = node_encode(PROMPTS)
    meta = {f"p{p}.text": t for p, t in enumerate(PROMPTS)}
    for name in names:
        out = os.path.join(ROOT, "tests", "data", "reference", name, "reference.safetensors")
        t = write_reference(os.path.join(ROOT, "sample_models", name), out, ids,
                            dict(meta, model_dir=f"sample_models/{name}"))
        print(f"{out}: {len(t)} tensors, prompt lengths {[len(i) for i in ids]}")


if __name__ == "__main__":
    main()
