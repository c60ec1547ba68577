// Quantized prefill above 32 tokens (our integer tiles, core/ops/kernels/block_gemm.h) checked against llama.cpp
// (node-llama-cpp, prebuilt, which also rounds activations to 8 bits for its prefill): the fixture's random Llama
// (../shared/fixtures/gguf/llama-gqa-256, quantized by llama.cpp's own llama-quantize) in each block format, prompts
// of 8 (block dots), 40, 120 and 250 tokens (integer tiles), next-token probabilities after the last token.
// For scale, the same file's distance to the F32 file (the quantization itself) is printed beside it.
//
// Usage (after building): node tools/llama_cpp/check_long_prompts.mjs [BUILD_DIR]
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getLlama } from "node-llama-cpp";
import { llamaProbs } from "./llama_probs.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const build = process.argv[2] ?? path.join(root, "build");
const cli = path.join(build, "app", "cli", "inference-cli");
const dir = path.join(root, "..", "shared", "fixtures", "gguf", "llama-gqa-256");
const V = 1024;
const llama = await getLlama({ gpu: false, logLevel: "error" });

function oursProbs(file, tokens) {
    const out = JSON.parse(execFileSync(cli, ["logits", file, "--tokens", tokens.join(","), "--top", String(V),
        "--json"], { encoding: "utf8", maxBuffer: 1 << 26 }));
    const p = new Float64Array(V);
    for (const t of out.top) p[t.id] = t.prob;
    return p;
}

const maxAbs = (p, q) => Math.max(...p.map((x, i) => Math.abs(x - q[i])));
const argmax = (p) => p.reduce((best, x, i) => (x > p[best] ? i : best), 0);

console.log("| file | prompt | max abs diff of next-token probabilities, llama.cpp vs ours | ours vs ours on F32 (the quantization) | top token (ours / llama.cpp) |");
console.log("|---|---|---|---|---|");
const prompts = [8, 40, 120, 250].map((n) => Array.from({ length: n }, (_, i) => (i * 389 + 17) % V));
const f32 = prompts.map((tokens) => oursProbs(path.join(dir, "model-F32.gguf"), tokens));
for (const type of ["Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M"]) {
    const file = path.join(dir, `model-${type}.gguf`);
    const model = await llama.loadModel({ modelPath: file });
    for (const [k, tokens] of prompts.entries()) {
        const a = oursProbs(file, tokens);
        const b = await llamaProbs(model, tokens, V);
        console.log(`| ${type} | ${tokens.length} tokens | ${maxAbs(a, b).toExponential(2)} | ${maxAbs(a, f32[k]).toExponential(2)} | ${argmax(a)} / ${argmax(b)} |`);
    }
    await model.dispose();
}
