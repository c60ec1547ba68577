#include "core/model/model_parts.h"

#include <cstdio>

namespace core {

namespace {
    std::string num(double v)
    {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v);
        return buf;
    }

    // "0-4, 6-10" for the layers where `on` holds.
    template <class Pred> std::string layerList(int layers, Pred on)
    {
        std::string s;
        for (int l = 0; l < layers; ++l) {
            if (!on(l))
                continue;
            int end = l;
            while (end + 1 < layers && on(end + 1))
                ++end;
            if (!s.empty())
                s.append(", ");
            s.append(std::to_string(l));
            if (end > l)
                s.append("-").append(std::to_string(end));
            l = end;
        }
        return s.empty() ? "none" : s;
    }
}

std::vector<std::string> modelParts(const ModelConfig& c)
{
    std::vector<std::string> p;
    if (c.nKvHeads < c.nHeads)
        p.push_back(std::string(c.nKvHeads == 1 ? "multi-query" : "grouped-query") + " attention: "
            + std::to_string(c.nHeads / c.nKvHeads) + " query heads share each of " + std::to_string(c.nKvHeads)
            + " K/V heads (KV cache " + std::to_string(c.nHeads / c.nKvHeads) + "x smaller than full attention)");
    if (c.qDim() != c.dim)
        p.push_back("head size " + std::to_string(c.headDim) + " independent of the width: " + std::to_string(c.nHeads)
            + " x " + std::to_string(c.headDim) + " = " + std::to_string(c.qDim()) + " query values for width "
            + std::to_string(c.dim));
    if (c.positional == Positional::Rope) {
        std::string r = "RoPE, base " + num(c.ropeTheta);
        if (c.rotaryDim() < c.headDim)
            r += ", partial: the first " + std::to_string(c.rotaryDim()) + " of " + std::to_string(c.headDim)
                + " dimensions of each head rotate";
        p.push_back(r);
        if (c.ropeScaling.kind == RopeScalingKind::Linear)
            p.push_back("RoPE scaling linear: positions divided by " + num(c.ropeScaling.factor));
        if (c.ropeScaling.kind == RopeScalingKind::Llama3)
            p.push_back("RoPE scaling llama3: slow frequencies divided by " + num(c.ropeScaling.factor)
                + ", fast ones kept, blended between (original context " + std::to_string(c.ropeScaling.originalContext)
                + ", low/high frequency factors " + num(c.ropeScaling.lowFreqFactor) + "/"
                + num(c.ropeScaling.highFreqFactor) + ")");
        if (c.ropeThetaLocal > 0)
            p.push_back("sliding-window layers rotate with their own base " + num(c.ropeThetaLocal));
        if (!c.layerNoRope.empty())
            p.push_back("no positional encoding at all (NoPE) on layers "
                + layerList(c.nLayers, [&](int l) { return !c.ropeLayer(l); }));
    }
    if (c.slidingWindow > 0)
        p.push_back("sliding-window attention: each query sees the last " + std::to_string(c.slidingWindow)
            + " positions, on layers " + layerList(c.nLayers, [&](int l) { return c.slidingLayer(l); }) + "; global on "
            + layerList(c.nLayers, [&](int l) { return !c.slidingLayer(l); }));
    if (c.qkNorm)
        p.push_back("QK-norm: RMSNorm over each head's q and k (" + std::to_string(c.headDim) + " values) before RoPE");
    if (c.parallelResidual)
        p.push_back("parallel attention and MLP: x + attn(norm1(x)) + mlp(norm2(x))");
    if (c.postNorms)
        p.push_back("norms before and after attention and MLP (the output is normed before the residual add)");
    if (c.normUnitOffset)
        p.push_back("RMSNorm scales by (1 + w)");
    if (c.embedScaled)
        p.push_back("embeddings multiplied by sqrt(" + std::to_string(c.dim) + ")");
    if (c.queryPreAttnScalar > 0)
        p.push_back("attention scores scaled by 1/sqrt(" + num(c.queryPreAttnScalar) + ") (query_pre_attn_scalar)");
    if (c.activation == Activation::GeGluTanh)
        p.push_back("GeGLU MLP: gelu_tanh(gate) * up");
    if (c.attnSoftcap > 0)
        p.push_back("attention scores soft-capped: " + num(c.attnSoftcap) + " * tanh(s / " + num(c.attnSoftcap) + ")");
    if (c.finalSoftcap > 0)
        p.push_back("logits soft-capped: " + num(c.finalSoftcap) + " * tanh(z / " + num(c.finalSoftcap) + ")");
    if (c.arch == Arch::Phi3)
        p.push_back("fused qkv_proj and gate_up_proj (split into views at load)");
    if (c.arch == Arch::GptNeoX)
        p.push_back("fused query_key_value, interleaved per head (re-ordered at load)");
    return p;
}

} // namespace core
