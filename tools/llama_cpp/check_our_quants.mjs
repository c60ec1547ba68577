// Our GGUF writers checked by llama.cpp itself (node-llama-cpp, prebuilt): a seeded random 256-wide Llama (so the
// k-quants need no fallback) exported by `inference-cli export-gguf` as F32, Q8_0 and Q4_K_M, loaded by llama.cpp,
// and the next-token probabilities compared with ours on the same file. Also llama.cpp's own quantizer
// (quantize.py, llama_model_quantize) run on our F32 export, its file and ours both run by llama.cpp.
//
// Usage (after building): node tools/llama_cpp/check_our_quants.mjs [BUILD_DIR]
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getLlama } from "node-llama-cpp";
import { llamaProbs } from "./llama_probs.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const build = process.argv[2] ?? path.join(root, "build");
const cli = path.join(build, "app", "cli", "inference-cli");
const tmp = mkdtempSync(path.join(tmpdir(), "ie-quants-"));
const llama = await getLlama({ gpu: false, logLevel: "error" });

const folder = path.join(tmp, "random-llama-256");
execFileSync(cli, ["make-random", "--arch", "llama", "--dim", "256", "--layers", "4", "--heads", "4", "--kv-heads", "2",
    "--hidden", "512", "--vocab", "512", "--context", "128", "--seed", "13", "--out", folder]);
const V = 512;
const tinyPrompt = [40, 1047, 263, 1325, 286, 1099, 352]; // ids of a tiny-llama prompt (any ids do)

function oursProbs(file, tokens, V = 512) {
    const out = JSON.parse(execFileSync(cli, ["logits", file, "--tokens", tokens.join(","), "--top", String(V),
        "--json"], { encoding: "utf8", maxBuffer: 1 << 26 }));
    const p = new Float64Array(V);
    for (const t of out.top) p[t.id] = t.prob;
    return p;
}

const kl = (p, q) => p.reduce((s, x, i) => (x > 0 ? s + x * (Math.log(x) - Math.log(Math.max(q[i], 1e-45))) : s), 0);
const maxAbs = (p, q) => Math.max(...p.map((x, i) => Math.abs(x - q[i])));
const argmax = (p) => p.reduce((best, x, i) => (x > p[best] ? i : best), 0);

console.log("| file (written by us) | prompt | max abs diff of next-token probabilities, llama.cpp vs ours | KL(ours ‖ llama.cpp) | top token (ours / llama.cpp) |");
console.log("|---|---|---|---|---|");
const files = {};
for (const type of ["F32", "Q8_0", "Q4_K_M"]) {
    const gguf = path.join(tmp, `ours-${type}.gguf`);
    execFileSync(cli, ["export-gguf", folder, "--out", gguf, "--dtype", type]);
    files[type] = gguf;
    const model = await llama.loadModel({ modelPath: gguf });
    for (const n of [5, 20]) {
        const tokens = Array.from({ length: n }, (_, i) => (i * 37 + 11) % V);
        const a = oursProbs(gguf, tokens);
        const b = await llamaProbs(model, tokens, V, 64);
        console.log(`| ${type} | ${n} tokens | ${maxAbs(a, b).toExponential(2)} | ${kl(a, b).toExponential(2)} | ${argmax(a)} / ${argmax(b)} |`);
    }
    await model.dispose();
}

// llama.cpp's own quantizer on our F32 file, both files run by llama.cpp: identical tensors give identical
// probabilities (0 difference), a different rounding anywhere would show.
console.log("\n| type | prompt | max abs diff, llama.cpp on its own quantization vs llama.cpp on ours |");
console.log("|---|---|---|");
for (const type of ["Q8_0", "Q4_K_M"]) {
    const theirs = path.join(tmp, `llama-${type}.gguf`);
    execFileSync("/usr/bin/python3", [path.join(root, "tools", "llama_cpp", "quantize.py"), files.F32, theirs, type],
        { stdio: "pipe" }); // its log is long; an error still throws with it
    const a = await llama.loadModel({ modelPath: files[type] });
    const b = await llama.loadModel({ modelPath: theirs });
    for (const n of [5, 20]) {
        const tokens = Array.from({ length: n }, (_, i) => (i * 37 + 11) % V);
        console.log(`| ${type} | ${n} tokens | ${maxAbs(await llamaProbs(a, tokens, V, 64), await llamaProbs(b, tokens, V, 64)).toExponential(2)} |`);
    }
    await a.dispose();
    await b.dispose();
}

// The shipped tiny-llama files (sample_models/gguf/, written by us; 128-wide, so Q4_K_M is the Q5_0 + Q8_0 fallback
// mixture) in llama.cpp against ours on the same file.
console.log("\n| shipped file | max abs diff of next-token probabilities, llama.cpp vs ours | top token (ours / llama.cpp) |");
console.log("|---|---|---|");
for (const type of ["Q8_0", "Q4_K_M"]) {
    const file = path.join(root, "sample_models", "gguf", `tiny-llama-${type}.gguf`);
    const model = await llama.loadModel({ modelPath: file });
    const a = oursProbs(file, tinyPrompt, 2048);
    const b = await llamaProbs(model, tinyPrompt, 2048, 64);
    console.log(`| tiny-llama-${type}.gguf | ${maxAbs(a, b).toExponential(2)} | ${argmax(a)} / ${argmax(b)} |`);
    await model.dispose();
}
