// llama.cpp's next-token probabilities after `tokens` (node-llama-cpp, one thread, no flash attention, and an F32 KV
// cache: node-llama-cpp defaults to F16, which rounds every key and value), as a dense array of `vocab`: the
// settings every check in this folder compares our engine against. The probabilities come with the token generated
// after the whole prompt.
export async function llamaProbs(model, tokens, vocab, contextSize = 256) {
    const context = await model.createContext({ contextSize, batchSize: contextSize, threads: 1, flashAttention: false,
        experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32" });
    const sequence = context.getSequence();
    const p = new Float64Array(vocab);
    for await (const out of sequence.evaluateWithMetadata(tokens, { probabilities: true })) {
        for (const [id, prob] of out.probabilities) p[id] = prob;
        break;
    }
    await context.dispose();
    return p;
}
