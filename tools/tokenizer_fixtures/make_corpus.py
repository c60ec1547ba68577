#!/usr/bin/env python3
"""Writes tests/data/tokenizers/corpus.json: the test strings every tokenizer is checked on against the
reference. Deterministic (no randomness without a fixed seed), so re-running gives the same file.

Run:  python3 tools/tokenizer_fixtures/make_corpus.py
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "tests", "data", "tokenizers", "corpus.json")

english = [
    "Hello world",
    "Hello, world!",
    "The quick brown fox jumps over the lazy dog.",
    "Once upon a time, there was a little robot who wanted to learn how to paint.",
    "A transformer reads tokens, not letters.",
    "Attention is all you need.",
    "It was the best of times, it was the worst of times.",
    "To be, or not to be, that is the question:",
    "She sells sea shells by the sea shore.",
    "What's the weather like in New York today?",
    "I can't believe it's already 2024!",
    "Mr. Smith went to Washington D.C. on Jan. 5th.",
    "e.g. i.e. etc. vs. a.m. p.m.",
    "The U.S.A. and the U.K. signed the treaty.",
    "HELLO WORLD IN CAPITALS",
    "hElLo WoRlD",
    "temperature, top-k, top-p and min-p sampling",
    "The KV cache grows by one row per layer for every generated token.",
    "Prefill processes the whole prompt at once; decode produces one token at a time.",
    "Beam search keeps the best 4 partial sequences.",
    "Time to first token (TTFT) and time per output token (TPOT).",
    "unbelievably antidisestablishmentarianism floccinaucinihilipilification",
    "The end.",
    "Q: What is 2+2?\nA: 4.",
    "Dear Sir/Madam,\n\nI am writing to you about...\n\nYours faithfully,\nJohn",
    "- item one\n- item two\n- item three",
    "1. First\n2. Second\n3. Third",
    "# Heading\n\nSome *bold* and _italic_ text with `code`.",
    "> quoted text\n>> nested quote",
    "email: someone@example.com, url: https://example.com/path?query=1&x=y#frag",
    "Tab\tseparated\tvalues\there",
    "naïve café résumé coöperate façade jalapeño",
    "Ångström, Øresund, Æsir, straße, œuvre",
    "He said \"hello\" and she said 'goodbye'.",
    "“Smart quotes” and ‘single smart quotes’ — and an em dash – and en dash…",
    "Price: $19.99 (€18.50, £15.00, ¥2000)",
    "50% off!!! Limited time only???",
    "C'est la vie. L'homme qui rit.",
    "Guten Tag! Wie geht's? Übermorgen fahren wir nach München.",
    "¿Dónde está la biblioteca? ¡Aquí!",
    "Привет, мир! Как дела?",
    "Γειά σου Κόσμε",
    "مرحبا بالعالم",
    "שלום עולם",
    "नमस्ते दुनिया",
    "สวัสดีชาวโลก",
    "Xin chào thế giới",
    "안녕하세요 세계",
    "こんにちは世界、カタカナとひらがな。",
]

turkish = [
    "Merhaba dünya",
    "Türkçe karakterler: ğ ü ş ı ö ç İ Ğ Ü Ş I Ö Ç",
    "İstanbul'da yağmur yağıyor.",
    "Çekoslovakyalılaştıramadıklarımızdanmışsınız",
    "Ağaçların yaprakları sonbaharda sararır.",
    "Öğretmen öğrencilere ödev verdi.",
    "Işık hızı saniyede yaklaşık 300.000 kilometredir.",
    "Şu çılgın Türkler!",
    "ığüşöç İĞÜŞÖÇ",
    "Bir dil modeli, sözcükleri değil belirteçleri (token) okur.",
    "Sıcaklık (temperature) düşükse model daha tutarlı yazar.",
    "Önbellek (KV cache) her katmanda büyür.",
    "Ankara'nın başkent olduğunu biliyor muydun?",
    "Kırk kırık küp, kırkının da kulpu kırık küp.",
    "Dalgalar sahile vuruyordu; rüzgâr esiyordu.",
    "ılık ılık esen rüzgâr",
    "İİİ ııı ĞĞĞ ğğğ",
    " İzmir",
    "  Çanakkale",
    "Türkiye'nin 81 ili var.",
    "Afyonkarahisarlılaştıramadıklarımızdanmışsınızcasına",
    "Ş",
    "ö",
    "Gök mavi, çimen yeşil.",
    "Saat 14:30'da buluşalım mı?",
]

chinese = [
    "你好，世界！",
    "人工智能正在改变世界。",
    "我爱北京天安门",
    "大型语言模型通过预测下一个词来生成文本。",
    "今天天气很好，我们去公园散步吧。",
    "中文标点：，。！？；：“”‘’（）【】《》",
    "机器学习和深度学习的区别是什么？",
    "注意力机制",
    "一二三四五六七八九十百千万亿",
    "這是繁體中文的句子。",
    "汉字 and English mixed 混合 text",
    "「引号」和『双引号』",
    "北京、上海、广州、深圳",
    "龘靐齉爩",
    "𠀀𠀁𠀂 (CJK Extension B)",
    "２０２４年１２月３１日",
    "ＡＢＣ　ｆｕｌｌｗｉｄｔｈ",
    "我",
    " 中",
    "你好\n世界",
]

emoji = [
    "😀",
    "😀😃😄😁",
    "I ❤️ NY",
    "👨‍👩‍👧‍👦 family",
    "🏳️‍🌈 flag",
    "🇹🇷 🇺🇸 🇯🇵 🇩🇪",
    "👍🏽 thumbs up with skin tone",
    "1️⃣ 2️⃣ #️⃣",
    "🧑‍💻 coder",
    "👩🏾‍🚀 astronaut",
    "❤️‍🔥",
    "🐈‍⬛",
    "Hello 👋 World 🌍!",
    "emoji at end 🚀",
    "🚀emoji at start",
    "🙂🙃🙂🙃",
    "☺ ☹ ☠ ✌ ✍",
    "🫠🫡🫢 (newer emoji)",
    "👁️‍🗨️",
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland (tag sequence)",
    "a\u200db",
    "\u200d",
    "x\u200d\u200d\u200dy",
    "🤖🤖🤖🤖🤖🤖🤖🤖🤖🤖",
    "✅ done ❌ failed ⚠️ warning",
]

code = [
    "def hello():\n    print(\"Hello, world!\")\n",
    "for i in range(10):\n\tprint(i)",
    "int main(int argc, char** argv) {\n    return 0;\n}",
    "#include <iostream>\nstd::cout << \"hi\" << std::endl;",
    "const x = (a, b) => a + b;",
    "if (x != null && y >= 0) { z = x ?? y; }",
    "SELECT * FROM users WHERE id = 42 AND name LIKE '%bob%';",
    "<html><body><h1>Title</h1><p class=\"x\">Text</p></body></html>",
    "{\"key\": \"value\", \"n\": [1, 2, 3], \"nested\": {\"a\": null}}",
    "x = y**2 + 3*x - 1  # comment",
    "fn main() { let v: Vec<u8> = vec![1, 2, 3]; }",
    "$ ls -la | grep \"\\.cpp$\" > out.txt 2>&1",
    "git commit -m \"Fix bug #123\"",
    "a_b_c __init__ __name__ == '__main__'",
    "camelCaseIdentifier snake_case_identifier SCREAMING_CASE kebab-case",
    "std::vector<std::pair<int, std::string>> v;",
    "    indented with four spaces",
    "\t\ttwo tabs",
    "if x:\n    if y:\n        if z:\n            pass",
    "matrix[i][j] += a[i][k] * b[k][j];",
    "/* block comment */ // line comment",
    "regex: ^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+$",
    "0x1F 0xDEADBEEF 0b1010 0o777",
    "i++; --j; k <<= 2; m >>= 1;",
    "print(f\"{name!r:>10}\")",
    "lambda x: x if x > 0 else -x",
    "#!/bin/bash\nset -euo pipefail\necho \"$HOME\"",
    "<|fim_prefix|>def f(<|fim_suffix|>):<|fim_middle|>",
    "\\n \\t \\\\ \\\" escaped sequences in text",
    "ASCII art:\n  /\\_/\\\n ( o.o )\n  > ^ <",
]

numbers = [
    "1234567890",
    "3.14159265358979",
    "1,000,000",
    "-42",
    "1e-9",
    "6.022e23",
    "2024-12-31",
    "12:34:56",
    "+1 (555) 123-4567",
    "0",
    "00000",
    "123 456 789",
    "1/2 3/4 ½ ¾ ⅓",
    "x² + y³ = z⁴",
    "Ⅰ Ⅱ Ⅲ Ⅻ ⅻ",
    "٠١٢٣٤٥٦٧٨٩",
    "१२३४५",
    "①②③",
    "99.99%",
    "v1.2.3-beta.4",
    "1st 2nd 3rd 4th",
    "10000000000000000000000000000",
    "a1b2c3d4",
    "192.168.0.1",
    "3,14",
]

whitespace = [
    " ",
    "  ",
    "   ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "a  b",
    "a   b",
    "a \n b",
    "a\n\n\nb",
    "a\r\nb",
    "a\tb",
    "a \t b",
    "  \n \t\n  x",
    "trailing space ",
    "trailing spaces   ",
    "trailing newline\n",
    "x" + " " * 100 + "y",
    " " * 64,
    "\n" * 20,
    "a\u3000b",
    "a\u00a0b",
    "a\u2028b\u2029c",
    "a\u000bb\u000cc",
    "a\u0085b",
    "\u2003em\u2002en\u2009thin",
    " \t \t ",
    "word\n",
    "\n\nword",
    "x \n\n  y",
    "?!\n\nz",
    "a  \r\n  b",
]

leading = [
    " hello",
    "  hello",
    "   hello",
    "\thello",
    "\nhello",
    " Hello World",
    " 123",
    " !",
    " 'quoted'",
    " 😀",
    " ğ",
    "hello",
]

contractions = [
    "don't",
    "I'm",
    "I'M",
    "we're",
    "we'RE",
    "they've",
    "she'll",
    "he'd",
    "it's",
    "IT'S",
    "'s",
    "'sun",
    "x'ſun",
    "x'Sun",
    "rock 'n' roll",
    "'''",
    "''",
    "'",
    "o'clock",
    "ma'am",
    "y'all'd've",
    "can't won't shouldn't",
    "The dog's bone",
    "'LL 'Ll 'lL",
    "don’t (curly apostrophe)",
]

special = [
    "<|endoftext|>",
    "Hello<|endoftext|>World",
    " <|endoftext|> ",
    "<|endoftext|><|endoftext|>",
    "<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n",
    "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n",
    "<|im_end|>",
    "a<|im_end|>b",
    "<|im_start",
    "<|im_end|",
    "im_end|>",
    "<s>",
    "</s>",
    "<s>Hello</s>",
    " <s> ",
    "<unk>",
    "<think>\nreasoning\n</think>\n\nanswer",
    "<tool_call>{\"name\": \"f\"}</tool_call>",
    "<|vision_start|><|image_pad|><|vision_end|>",
    "<|endoftext|>\n<|endoftext|>",
    "text <|im_start|>user",
    "<<|endoftext|>>",
    "<|fim_prefix|>",
    "<|ENDOFTEXT|>",
    "< s >",
]

odd = [
    "\u0000",
    "a\u0000b",
    "\u0001\u0002\u0003\u001f",
    "\u007f",
    "\ufffd",
    "\ufffd\ufffd\ufffd",
    "\ufeffBOM at start",
    "\uffff",
    "\ue000 private use",
    "\U0010ffff",
    "e\u0301",
    "\u212b",
    "A\u030a",
    "\u1100\u1161\u11a8",
    "\u0301abc",
    "\u0344",
    "\u0f73",
    "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349\u035a\u032f\u031e\u0320\u034dA\u036b\u0357\u0334\u0362\u0335\u031c\u0330\u0354L\u0368\u0367\u0369\u0358\u0320G\u0311\u0357\u030e\u0305\u035b\u0341\u0334\u033b\u0348\u034d\u0354\u0339O\u0342\u030c\u030c\u0358\u0328\u0335\u0339\u033b\u031d\u0333",
    "\u200e\u200f RTL marks",
    "\u00ad soft hyphen",
    "\\xff\\xfe",
    "Ã©Ã¨Ã ",
    "ï»¿",
    "%E2%82%AC",
    "\u00e9\u0065\u0301\u00c5\u212b",
    "\u1e9b\u0323",
    "\u0958\u0959",
    "\u2126 \u03a9",
    "\uac00\u11a8",
    "\u0061\u0315\u0300\u05ae\u0300\u0062",
    "ﬁ ﬂ ligatures",
    "\u00c7\u0327",
    "\U0001d400\U0001d401 math bold",
    "⁰¹²³",
    "\u0627\u064b\u0651",
    "\u0e01\u0e33",
    "\u1f80\u0345",
]

# Aimed at the hand-made files in tests/data/tokenizers/tiny/ (added-token flags, Split behaviours).
targeted = [
    "a-b--c-",
    "-",
    "--x",
    "cat",
    "concat cat cats _cat cat_",
    "x <sep>  y",
    "x<sep>y",
    "[X]  y",
    "<mask>",
    "a <mask> b",
    "a  <mask>",
    "hello world",
    "hello worldly",
    "HELLO WORLD hello world",
    "the then theme",
]

long_words = [
    "a" * 1000,
    "supercalifragilisticexpialidocious" * 30,
    "ğ" * 500,
    "中" * 300,
    "1" * 500,
    "😀" * 200,
    "-" * 1000,
    "=" * 257,
    "https://example.com/" + "very/long/path/" * 40 + "index.html",
    "ab" * 700,
    "Ġ" * 50,
    "▁" * 50,
    "x" * 5000,
]


def generated():
    out = []
    words = ["the", "model", "token", "İstanbul", "çiçek", "北京", "😀", "don't", "42", "hello_world"]
    for w in words:
        out += [w, " " + w, w + " ", w.upper() if w.isascii() else w + w, "\n" + w]
    rng = random.Random(7)
    alphabet = "abcxyzğüşıöçİ中文😀 \n\t.,;'\"!?0123456789-_()<>|é\u0301"
    for n in (5, 17, 40, 120, 600):
        for _ in range(3):
            out.append("".join(rng.choice(alphabet) for _ in range(n)))
    b64 = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(2000))
    out.append(b64)
    return out


def main():
    all_strings = []
    for group in (english, turkish, chinese, emoji, code, numbers, whitespace, leading, contractions, special, odd,
                  targeted, long_words, generated()):
        for s in group:
            if s not in all_strings:
                all_strings.append(s)
    all_strings.append("")
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"comment": "Test strings for the tokenizer golden tests; made by tools/tokenizer_fixtures/make_corpus.py",
                   "strings": all_strings}, f, ensure_ascii=False, indent=0)
        f.write("\n")
    print(f"{len(all_strings)} strings -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
