#!/usr/bin/python3
"""Renders the real chat templates in tests/data/chat_templates/*.jinja with Jinja2, the way Hugging Face's
apply_chat_template does (sandboxed, trim_blocks, lstrip_blocks), and writes what each produces for a few
conversations to tests/data/chat_templates/expected.json. tst_chattemplate checks that our native layouts
(core/tokenizer/chat_template.cpp) recognise each template and write exactly this text.

The leading BOS a template writes is removed: our layouts leave it to the tokenizer (add_bos_token), as llama.cpp
does. Conversations a template refuses (Gemma and Mistral raise on a system turn) or treats in its own way (this
Phi-3 template drops system turns; Qwen2.5 inserts its own system prompt when there is none) are listed in `SKIP`
with the reason, and not checked.

Run: /usr/bin/python3 tools/reference/chat_templates.py
"""
import json
import pathlib

from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parent.parent / "tests" / "data" / "chat_templates"

# template file -> (family key we must recognise, bos token, eos token)
TEMPLATES = {
    "chatml": ("chatml", "", "<|im_end|>"),
    "qwen2_5": ("chatml", "", "<|im_end|>"),
    "llama3": ("llama3", "<|begin_of_text|>", "<|eot_id|>"),
    "llama2": ("llama2", "<s>", "</s>"),
    "mistral": ("mistral", "<s>", "</s>"),
    "gemma": ("gemma", "<bos>", "<eos>"),
    "phi3": ("phi3", "<s>", "<|endoftext|>"),
    "unknown": (None, "", ""),
}

CONVERSATIONS = {
    "user": [{"role": "user", "content": "What is the capital of France?"}],
    "system_user": [
        {"role": "system", "content": "You are a geography teacher."},
        {"role": "user", "content": "Capital of Türkiye?"},
    ],
    "history": [
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello! "},
        {"role": "user", "content": "Capital of Japan?"},
    ],
}

SKIP = {
    ("qwen2_5", "user"): "Qwen2.5's template writes its own system prompt when the conversation has none",
    ("qwen2_5", "history"): "Qwen2.5's template writes its own system prompt when the conversation has none",
    ("mistral", "system_user"): "the template raises on a system turn (we fold it into the first user turn)",
    ("gemma", "system_user"): "the template raises on a system turn (we fold it into the first user turn)",
    ("phi3", "system_user"): "this Phi-3 template drops system turns (Phi-3.5's writes <|system|>, as we do)",
}


def render(source, bos, eos, messages):
    def raise_exception(message):
        raise ValueError(message)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    env.globals["raise_exception"] = raise_exception
    text = env.from_string(source).render(
        messages=messages, bos_token=bos, eos_token=eos, add_generation_prompt=True)
    if bos and text.startswith(bos):
        text = text[len(bos):]
    return text


def main():
    out = {}
    for name, (family, bos, eos) in TEMPLATES.items():
        source = (DATA / f"{name}.jinja").read_text()
        cases = []
        for conv_name, messages in CONVERSATIONS.items():
            if family is None or (name, conv_name) in SKIP:
                continue
            cases.append({"conversation": conv_name, "messages": messages,
                          "text": render(source, bos, eos, messages)})
        out[name] = {"family": family, "cases": cases}
    (DATA / "expected.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {DATA / 'expected.json'}: {sum(len(v['cases']) for v in out.values())} cases")


if __name__ == "__main__":
    main()
