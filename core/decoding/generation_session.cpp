#include "core/decoding/generation_session.h"

#include "core/common/error.h"
#include "core/common/limits.h"
#include "core/tokenizer/tokenizer.h"

#include <algorithm>
#include <chrono>

namespace core {

namespace {
    using Clock = std::chrono::steady_clock;
    double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
} // namespace

GenerationSession::GenerationSession(const Model& model, const Tokenizer* tokenizer, const ExecutionPlan* plan)
    : m_model(model)
    , m_tokenizer(tokenizer)
    , m_ownPlan(plan ? nullptr : std::make_unique<ExecutionPlan>(ExecutionPlan::compile(model)))
    , m_plan(plan ? plan : m_ownPlan.get())
    , m_exec(model, *m_plan)
    , m_pipeline(model.config().vocab)
{
    collectEosIds();
}

GenerationSession::~GenerationSession() = default;

std::set<std::int32_t> endOfSequenceIds(const Model& model, const Tokenizer* tokenizer)
{
    std::set<std::int32_t> ids(model.config().eosIds.begin(), model.config().eosIds.end());
    if (tokenizer) {
        if (auto id = tokenizer->eosId())
            ids.insert(*id);
        // Chat models end a turn with these even when the config names another EOS.
        for (const char* name : { "<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end_of_text|>", "</s>" })
            if (auto id = tokenizer->tokenId(name); id && tokenizer->isSpecial(*id))
                ids.insert(*id);
    }
    std::erase_if(ids, [&](std::int32_t id) { return id < 0 || id >= model.config().vocab; });
    return ids;
}

void GenerationSession::collectEosIds()
{
    m_eosIds = endOfSequenceIds(m_model, m_tokenizer);
    m_eosIds.insert(m_options.extraEosIds.begin(), m_options.extraEosIds.end()); // validated in setOptions
}

void GenerationSession::setOptions(const GenerationOptions& options)
{
    if (options.maxNewTokens < 0)
        throw Error(
            "generation parameters", "max_new_tokens", "must be >= 0, got " + std::to_string(options.maxNewTokens));
    for (std::size_t i = 0; i < options.stopSequences.size(); ++i)
        if (options.stopSequences[i].empty())
            throw Error("generation parameters", "stop[" + std::to_string(i) + "]", "a stop sequence cannot be empty");
    if (options.recordHistory < 1)
        throw Error(
            "generation parameters", "record_history", "must be >= 1, got " + std::to_string(options.recordHistory));
    for (auto id : options.extraEosIds)
        if (id < 0 || id >= m_model.config().vocab)
            throw Error(
                "generation parameters", "eos_token_id", "id " + std::to_string(id) + " is outside the vocabulary");
    m_options = options;
    collectEosIds();
}

void GenerationSession::setSampling(const SamplingParameters& parameters, const StageOrder& order)
{
    m_pipeline.setParameters(parameters);
    m_pipeline.setOrder(order);
    if (!m_started)
        m_random.reseed(parameters.seed);
}

void GenerationSession::forward(std::span<const std::int32_t> tokens, Phase phase, TraceSink* sink)
{
    // The fast path may use FlashAttention on a long prompt; a traced pass shows every per-head op.
    m_exec.setAttentionPath(sink ? AttentionPath::Naive : AttentionPath::Auto);
    m_exec.begin(tokens, *m_cache, phase, LogitRows::Last);
    m_exec.run(sink);
    ++m_forwardPasses;
    const TensorView l = m_exec.logits();
    m_logits.assign(l.data, l.data + l.cols);
}

namespace {

    // KV cache positions for a run, in 64 bits (maxNewTokens may be INT_MAX): prompt + new tokens, at most the
    // context, and at most limits::kMaxKvCacheBytes (a longer run stops with ContextFull, as at the end of the
    // context). Throws if the prompt alone would need more.
    int cacheCapacity(const ModelConfig& c, std::size_t promptTokens, int maxNewTokens)
    {
        const std::int64_t bytesPerPosition = std::int64_t(2) * c.nLayers * c.kvDim() * std::int64_t(sizeof(float));
        const std::int64_t budget = std::max<std::int64_t>(
            1, std::int64_t(limits::kMaxKvCacheBytes) / std::max<std::int64_t>(1, bytesPerPosition));
        if (std::int64_t(promptTokens) > budget)
            throw Error("input", "prompt",
                "the prompt has " + std::to_string(promptTokens) + " tokens; its KV cache would need more than the "
                    + std::to_string(limits::kMaxKvCacheBytes >> 20) + " MiB limit");
        const std::int64_t wanted = std::int64_t(promptTokens) + std::max(1, maxNewTokens);
        return int(std::min({ std::int64_t(c.maxPositions), wanted, budget }));
    }

} // namespace

void GenerationSession::start(std::span<const std::int32_t> prompt, TraceSink* sink)
{
    const auto& c = m_model.config();
    if (prompt.empty())
        throw Error("input", "prompt", "the prompt is empty: there is nothing to continue");
    if (int(prompt.size()) > c.maxPositions)
        throw Error("input", "prompt",
            "the prompt has " + std::to_string(prompt.size()) + " tokens, more than the context length "
                + std::to_string(c.maxPositions));
    m_cache = std::make_unique<KvCache>(c, cacheCapacity(c, prompt.size(), m_options.maxNewTokens));
    m_tokens.assign(prompt.begin(), prompt.end());
    m_promptLength = int(prompt.size());
    m_generated.clear();
    resetRun();
    const auto t0 = Clock::now();
    forward(prompt, { PhaseKind::Prefill, 0 }, sink);
    m_prefillSeconds = since(t0);
    m_started = true;
    if (m_options.maxNewTokens == 0)
        m_stop = StopReason::MaxNewTokens;
}

// A new run on the current prompt: no draws, no text, no stop yet, the random stream from its seed.
void GenerationSession::resetRun()
{
    m_uniforms.clear();
    m_haveUniform = false;
    m_text.clear();
    m_stop = StopReason::None;
    m_stopMatch = {};
    m_eosHit = -1;
    m_random.reseed(m_pipeline.parameters().seed);
}

bool GenerationSession::extendPrompt(std::span<const std::int32_t> prompt, TraceSink* sink)
{
    const auto& c = m_model.config();
    if (!m_started || !m_generated.empty() || prompt.size() <= m_tokens.size() || int(prompt.size()) > c.maxPositions
        || m_cache->length() != int(m_tokens.size()) || !std::equal(m_tokens.begin(), m_tokens.end(), prompt.begin()))
        return false;
    const int capacity = cacheCapacity(c, prompt.size(), m_options.maxNewTokens);
    if (capacity > m_cache->capacity()) {
        auto bigger = std::make_unique<KvCache>(c, capacity);
        bigger->copyFrom(*m_cache);
        m_cache = std::move(bigger);
    }
    const std::size_t cached = m_tokens.size();
    m_tokens.assign(prompt.begin(), prompt.end());
    m_promptLength = int(prompt.size());
    resetRun();
    const auto t0 = Clock::now();
    forward(prompt.subspan(cached), { PhaseKind::Prefill, 0 }, sink);
    m_prefillSeconds = since(t0);
    if (m_options.maxNewTokens == 0)
        m_stop = StopReason::MaxNewTokens;
    return true;
}

const SamplingRecord& GenerationSession::resample()
{
    if (!m_started)
        throw Error("generation", "state", "start() the session before sampling");
    const auto t0 = Clock::now();
    const std::size_t step = m_generated.size();
    if (!m_haveUniform) {
        if (m_uniforms.size() <= step)
            m_uniforms.push_back(m_random.nextUniform());
        m_haveUniform = true;
    }
    m_pipeline.run(m_logits, m_tokens, m_uniforms[step], m_record);
    m_pendingSampleSeconds = since(t0);
    return m_record;
}

const SamplingRecord& GenerationSession::drawAgain()
{
    const std::size_t step = m_generated.size();
    if (m_uniforms.size() <= step)
        m_uniforms.resize(step + 1);
    m_uniforms[step] = m_random.nextUniform();
    m_haveUniform = true;
    return resample();
}

void GenerationSession::checkStops(std::int32_t token)
{
    if (m_options.stopAtEos && m_eosIds.count(token)) {
        m_stop = StopReason::Eos;
        m_eosHit = token;
        return;
    }
    // Stop sequences are looked for in the decoded text, so one that spans several tokens is still found.
    std::size_t best = std::string::npos;
    for (const auto& s : m_options.stopSequences) {
        const std::size_t pos = m_text.find(s);
        if (pos != std::string::npos && pos < best) {
            best = pos;
            m_stopMatch = { s, pos, pos + s.size() };
        }
    }
    if (best != std::string::npos) {
        m_stop = StopReason::StopSequence;
        return;
    }
    if (int(m_generated.size()) >= m_options.maxNewTokens)
        m_stop = StopReason::MaxNewTokens;
    else if (m_cache->length() >= m_cache->capacity() || int(m_tokens.size()) >= m_model.config().maxPositions)
        m_stop = StopReason::ContextFull;
}

const GeneratedToken& GenerationSession::commit(TraceSink* sink) { return commitToken(sink, true); }

const GeneratedToken& GenerationSession::commitWithoutForward() { return commitToken(nullptr, false); }

void GenerationSession::acceptLogits(std::span<const float> logits)
{
    if (int(logits.size()) != m_model.config().vocab)
        throw Error("generation", "logits",
            std::to_string(logits.size()) + " values for a vocabulary of " + std::to_string(m_model.config().vocab));
    m_logits.assign(logits.begin(), logits.end());
    ++m_forwardPasses;
}

const GeneratedToken& GenerationSession::commitToken(TraceSink* sink, bool runForward)
{
    if (finished())
        throw Error("generation", "state", std::string("the generation has stopped: ") + stopReasonName(m_stop));
    if (!m_haveUniform)
        resample();
    const auto t0 = Clock::now();
    GeneratedToken g;
    g.id = m_record.chosenToken();
    g.probability = m_record.chosenProbability();
    g.piece
        = m_tokenizer && m_tokenizer->isValidId(g.id) ? m_tokenizer->displayPiece(g.id) : "#" + std::to_string(g.id);
    g.modelProbability = m_record.cell(g.id, 0).probability;
    g.record = m_record;
    m_haveUniform = false;
    m_tokens.push_back(g.id);
    m_generated.push_back(std::move(g));
    if (int(m_generated.size()) > m_options.recordHistory)
        m_generated[m_generated.size() - 1 - std::size_t(m_options.recordHistory)].record = SamplingRecord {};
    if (m_tokenizer) {
        std::vector<std::int32_t> ids;
        for (const auto& t : m_generated)
            ids.push_back(t.id);
        m_text = m_tokenizer->decode(ids, true);
    }
    checkStops(m_generated.back().id);
    if (!finished() && runForward)
        forward(std::span(&m_tokens.back(), 1), { PhaseKind::Decode, int(m_generated.size()) }, sink);
    GeneratedToken& done = m_generated.back();
    done.seconds = m_pendingSampleSeconds + since(t0);
    if (m_generated.size() == 1)
        m_firstTokenSeconds = m_prefillSeconds + m_pendingSampleSeconds;
    return done;
}

const GeneratedToken& GenerationSession::step(TraceSink* sink)
{
    resample();
    return commit(sink);
}

void GenerationSession::runToEnd(
    const std::atomic<bool>* cancel, const std::function<void(const GeneratedToken&)>& onToken)
{
    while (!finished()) {
        if (cancel && cancel->load()) {
            m_stop = StopReason::Cancelled;
            return;
        }
        const auto& t = step();
        if (onToken)
            onToken(t);
    }
}

void GenerationSession::stepBack()
{
    if (m_generated.empty())
        return;
    const bool recorded = m_generated.back().record.vocabSize() > 0;
    if (recorded)
        m_logits = m_generated.back().record.inputLogits(); // the distribution that token was drawn from
    m_generated.pop_back();
    m_tokens.pop_back();
    if (recorded) {
        m_cache->setLength(int(m_tokens.size()));
    } else { // recompute it: the pass of the token before, over the cache without that token
        m_cache->setLength(int(m_tokens.size()) - 1);
        forward(std::span(&m_tokens.back(), 1), { PhaseKind::Decode, int(m_generated.size()) }, nullptr);
    }
    m_haveUniform = false;
    m_stop = StopReason::None;
    m_stopMatch = {};
    m_eosHit = -1;
    if (m_tokenizer) {
        std::vector<std::int32_t> ids;
        for (const auto& t : m_generated)
            ids.push_back(t.id);
        m_text = m_tokenizer->decode(ids, true);
    }
}

std::string GenerationSession::text() const
{
    return m_stop == StopReason::StopSequence ? m_text.substr(0, m_stopMatch.begin) : m_text;
}

RunMetrics GenerationSession::metrics() const
{
    const auto& c = m_model.config();
    RunMetrics m;
    m.promptTokens = m_promptLength;
    m.generatedTokens = int(m_generated.size());
    m.prefillSeconds = m_prefillSeconds;
    m.firstTokenSeconds = m_firstTokenSeconds;
    for (std::size_t i = 1; i < m_generated.size(); ++i)
        m.decodeSeconds.push_back(m_generated[i].seconds);
    m.weightBytes = m_model.weightBytes();
    if (m_cache) {
        m.kvBytesPerToken = m_cache->bytesPerToken();
        m.kvBytesUsed = m_cache->bytesUsed();
        m.kvBytesReserved = m_cache->bytesReserved();
        m.naiveAttentionBytes = naiveAttentionBytes(c.nLayers, c.nHeads, m_cache->length());
    }
    m.heldAttentionBytes = m_exec.workspaceBytes();
    m.peakRssBytes = processPeakRss();
    return m;
}

SamplingParameters samplingDefaults(const ModelConfig& config)
{
    SamplingParameters p;
    if (config.doSample == false) {
        p.temperature = 0.0f;
        return p;
    }
    if (config.defaultTemperature)
        p.temperature = float(*config.defaultTemperature);
    if (config.defaultTopK)
        p.topK = *config.defaultTopK;
    if (config.defaultTopP && *config.defaultTopP > 0.0)
        p.topP = float(*config.defaultTopP);
    return p;
}

} // namespace core
