// Encodes text with Hugging Face's tokenizers (Rust, via the @anush008/tokenizers Node binding).
//   node encode.js TOKENIZER_JSON corpus IN.txt OUT.bin   -> uint16 little-endian ids of the whole text,
//                                                           checks that decode(encode(doc)) == doc
//   node encode.js TOKENIZER_JSON strings IN.json OUT.json -> list of strings -> list of id lists
const fs = require("fs");
const { Tokenizer } = require("@anush008/tokenizers");

async function main() {
  const [tokPath, mode, inPath, outPath] = process.argv.slice(2);
  const tok = Tokenizer.fromFile(tokPath);
  const enc = async (s) => (await tok.encode(s, null, { addSpecialTokens: false })).getIds();
  if (mode === "corpus") {
    const text = fs.readFileSync(inPath, "utf8");
    const docs = text.split("<|endoftext|>");
    const ids = [];
    const eot = (await enc("<|endoftext|>"));
    if (eot.length !== 1) throw new Error("<|endoftext|> is not a single token");
    let checked = 0, bad = 0;
    for (let i = 0; i < docs.length; i++) {
      if (docs[i].length === 0) continue;
      const d = await enc(docs[i]);
      if (i % 50 === 0) {
        const back = await tok.decode(d, false);
        checked++;
        if (back !== docs[i]) { bad++; if (bad < 5) console.error("round-trip mismatch:", JSON.stringify(docs[i]).slice(0, 200), "->", JSON.stringify(back).slice(0, 200)); }
      }
      for (const x of d) ids.push(x);
      ids.push(eot[0]);
    }
    const buf = Buffer.alloc(ids.length * 2);
    ids.forEach((x, j) => buf.writeUInt16LE(x, j * 2));
    fs.writeFileSync(outPath, buf);
    console.log(`${docs.length} docs, ${ids.length} tokens, ${(text.length / ids.length).toFixed(2)} chars/token; round-trip checked ${checked} docs, ${bad} mismatches`);
    if (bad) process.exit(1);
  } else if (mode === "strings") {
    const strs = JSON.parse(fs.readFileSync(inPath, "utf8"));
    const out = [];
    for (const s of strs) out.push(await enc(s));
    fs.writeFileSync(outPath, JSON.stringify(out));
  } else {
    console.error("usage: node encode.js TOKENIZER_JSON corpus|strings IN OUT");
    process.exit(2);
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
