// llama.cpp's prefill and decode speed on a GGUF file, measured the way `inference-cli bench` measures ours, so the
// CLI can print both in one run (`inference-cli bench MODEL.gguf --llama-cpp`; the CLI runs this script with node
// when it is present, and never needs node otherwise).
//
//   node tools/llama_cpp/bench.mjs MODEL.gguf [--threads N] [--prompt-tokens P] [--gen-tokens G] [--repeats R]
//                                             [--vocab V]   (prompt ids are drawn from [3, V))
//
// Prints one JSON object: prefill and decode tokens/s (the median of R timed rounds, and the best), the threads used
// and the llama.cpp build.
// Same protocol as ours: a seeded random prompt of P token ids, then G greedy decode steps, each a separate
// evaluation of one token; the context is cleared between repeats. llama.cpp runs on the CPU (prebuilt binary of
// node-llama-cpp, no GPU), with an F32 KV cache, like ours.
import { getLlama } from "node-llama-cpp";

function option(name, fallback) {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const modelPath = process.argv[2];
if (!modelPath || modelPath.startsWith("--")) {
    console.error("usage: node bench.mjs MODEL.gguf [--threads N] [--prompt-tokens P] [--gen-tokens G] [--repeats R]");
    process.exit(2);
}
const threads = option("threads", 2);
const promptTokens = option("prompt-tokens", 128);
const genTokens = option("gen-tokens", 64);
const repeats = option("repeats", 3);

const llama = await getLlama({ gpu: false, maxThreads: threads, logLevel: "error" });
const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
const context = await model.createContext({
    contextSize: promptTokens + genTokens + 8,
    batchSize: Math.max(promptTokens, 1),
    threads,
    sequences: 1,
    flashAttention: false,
    experimentalKvCacheKeyType: "F32",
    experimentalKvCacheValueType: "F32",
});
const sequence = context.getSequence();

// A seeded random prompt (xorshift; our CLI uses its own generator: the ids differ, the count is what matters).
let state = 7;
const vocabSize = option("vocab", model.fileInfo.metadata?.tokenizer?.ggml?.tokens?.length ?? 256);
const prompt = [];
for (let i = 0; i < promptTokens; ++i) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    prompt.push(((state >>> 0) % (vocabSize - 3)) + 3);
}

const prefills = [], decodes = []; // seconds of each timed round
for (let r = 0; r <= repeats; ++r) { // round 0 warms up
    await sequence.clearHistory();
    let t0 = performance.now();
    await sequence.evaluateWithoutGeneratingNewTokens(prompt);
    const prefill = (performance.now() - t0) / 1e3;
    // One generator: each next() evaluates the token it yielded before (one llama_decode of one token) and
    // picks the next greedily.
    t0 = performance.now();
    const steps = sequence.evaluate([prompt[prompt.length - 1]], { temperature: 0 });
    for (let i = 0; i < genTokens; ++i)
        await steps.next();
    const decode = (performance.now() - t0) / 1e3;
    await steps.return();
    if (r > 0) {
        prefills.push(prefill);
        decodes.push(decode);
    }
}
const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

console.log(JSON.stringify({
    engine: "llama.cpp",
    build: `${llama.llamaCppRelease.repo} ${llama.llamaCppRelease.release} via node-llama-cpp (prebuilt, CPU)`,
    threads,
    prompt_tokens: promptTokens,
    gen_tokens: genTokens,
    repeats,
    prefill_tokens_per_s: promptTokens / median(prefills),
    decode_tokens_per_s: genTokens / median(decodes),
    prefill_tokens_per_s_best: promptTokens / Math.min(...prefills),
    decode_tokens_per_s_best: genTokens / Math.min(...decodes),
}));
await context.dispose();
await model.dispose();
