// The second, independent check of today's architectures: the random-weight reference models of
// tests/data/reference/random-<arch>/ written as GGUF (write_gguf.py, llama.cpp's converter conventions), run by
// llama.cpp (node-llama-cpp, prebuilt), against our engine on the Hugging Face folder (inference-cli logits).
// For each model and each prompt: the next-token probabilities after the last token, max |p_llama.cpp - p_ours|
// over the whole vocabulary. Prompts: 5 tokens (inside every sliding window) and 20 (past every window).
//
// Usage (after building): node tools/llama_cpp/check_architectures.mjs [BUILD_DIR] [ARCH ...]
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getLlama } from "node-llama-cpp";
import { llamaProbs } from "./llama_probs.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const build = process.argv[2] ?? path.join(root, "build");
const cli = path.join(build, "app", "cli", "inference-cli");
const archs = process.argv.length > 3 ? process.argv.slice(3)
    : ["llama3", "mistral", "mistral-no-window", "qwen3", "gpt_neox", "phi3", "gemma2", "gemma3", "smollm3"];
const tmp = mkdtempSync(path.join(tmpdir(), "ie-archs-"));
const llama = await getLlama({ gpu: false, logLevel: "error" });

function oursProbs(folder, tokens, vocab) {
    const out = JSON.parse(execFileSync(cli, ["logits", folder, "--tokens", tokens.join(","), "--top", String(vocab),
        "--json"], { encoding: "utf8", maxBuffer: 1 << 26 }));
    const p = new Float64Array(vocab);
    for (const t of out.top) p[t.id] = t.prob;
    return p;
}

// The model folder to compare, and the vocabulary its GGUF gets (null: placeholder pieces).
function prepare(arch) {
    const fixture = path.join(root, "tests", "data", "reference", `random-${arch}`);
    if (arch === "phi3") {
        // llama.cpp's Phi-3 loader needs Phi-3's own vocabulary (special tokens): a make-random phi3 of its size.
        const folder = path.join(tmp, "phi3");
        execFileSync(cli, ["make-random", "--arch", "phi3", "--dim", "32", "--heads", "4", "--vocab", "32064",
            "--context", "64", "--seed", "3", "--out", folder]);
        return { folder, vocab: path.join(root, "..", "shared", "fixtures", "gguf", "vocab", "ggml-vocab-phi-3.gguf") };
    }
    if (arch === "gemma3") {
        // llama.cpp derives Gemma 3's attention scale from the model size (1/sqrt(head_dim) below 27B) and has no
        // key for query_pre_attn_scalar: the fixture's 12 becomes head_dim here.
        const folder = path.join(tmp, "gemma3");
        cpSync(fixture, folder, { recursive: true });
        const config = JSON.parse(readFileSync(path.join(folder, "config.json"), "utf8"));
        config.query_pre_attn_scalar = config.head_dim;
        writeFileSync(path.join(folder, "config.json"), JSON.stringify(config, null, 2));
        return { folder, vocab: null };
    }
    if (arch === "mistral-no-window") {
        // llama.cpp runs Mistral as "llama", which has no sliding window: the same weights without the window in
        // config.json show that the window is the whole of the difference past 8 tokens.
        const folder = path.join(tmp, arch);
        cpSync(fixture.replace(arch, "mistral"), folder, { recursive: true });
        const config = JSON.parse(readFileSync(path.join(folder, "config.json"), "utf8"));
        delete config.sliding_window;
        writeFileSync(path.join(folder, "config.json"), JSON.stringify(config, null, 2));
        return { folder, vocab: null };
    }
    return { folder: fixture, vocab: null };
}

console.log("| architecture | llama.cpp arch | prompt | max abs diff of next-token probabilities | top token (ours / llama.cpp) | ours from the GGUF vs ours from HF |");
console.log("|---|---|---|---|---|---|");
for (const arch of archs) {
    const { folder, vocab } = prepare(arch);
    const gguf = path.join(tmp, `${arch}.gguf`);
    execFileSync("/usr/bin/python3", [path.join(root, "tools", "llama_cpp", "write_gguf.py"), folder, gguf,
        ...(vocab ? [vocab] : [])]);
    const model = await llama.loadModel({ modelPath: gguf });

    const config = JSON.parse(execFileSync(cli, ["info", folder, "--json"], { encoding: "utf8" }));
    const V = config.vocab;
    for (const n of [5, 20]) {
        const tokens = Array.from({ length: n }, (_, i) => (i * 37 + 11) % V);
        const a = oursProbs(folder, tokens, V);
        const b = await llamaProbs(model, tokens, V, 64);
        // Our engine opening the same GGUF file (open_gguf.cpp), against our HF-folder result.
        let fromGguf = "not opened";
        try {
            const g = oursProbs(gguf, tokens, V);
            fromGguf = Math.max(...a.map((x, i) => Math.abs(x - g[i]))).toExponential(2);
        } catch (e) {
            fromGguf = "refused: " + String(e.stderr ?? e).split(": ").slice(-1)[0].trim().slice(0, 60);
        }
        let worst = 0, ta = 0, tb = 0;
        for (let i = 0; i < V; ++i) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
            if (a[i] > a[ta]) ta = i;
            if (b[i] > b[tb]) tb = i;
        }
        console.log(`| ${arch} | ${model.fileInfo.metadata.general.architecture} | ${n} tokens | ${worst.toExponential(2)} | ${ta} / ${tb} | ${fromGguf} |`);
    }
    await model.dispose();
}
