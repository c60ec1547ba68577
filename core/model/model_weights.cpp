#include "core/model/model_weights.h"

namespace core {

const LinearWeight* linearWeight(const ModelWeights& w, WeightRole role, int layer)
{
    const LinearWeight* found = nullptr;
    if (role == WeightRole::LmHead) {
        found = &w.lmHead;
    } else if (layer >= 0 && layer < int(w.layers.size())) {
        const LayerWeights& L = w.layers[std::size_t(layer)];
        switch (role) {
        case WeightRole::Q:
            found = &L.q;
            break;
        case WeightRole::K:
            found = &L.k;
            break;
        case WeightRole::V:
            found = &L.v;
            break;
        case WeightRole::O:
            found = &L.o;
            break;
        case WeightRole::Gate:
            found = &L.gate;
            break;
        case WeightRole::Up:
            found = &L.up;
            break;
        case WeightRole::Down:
            found = &L.down;
            break;
        default:
            break;
        }
    }
    return found && found->valid() ? found : nullptr;
}

const NormWeight* normWeight(const ModelWeights& w, WeightRole role, int layer)
{
    const NormWeight* found = nullptr;
    if (role == WeightRole::FinalNorm) {
        found = &w.finalNorm;
    } else if (layer >= 0 && layer < int(w.layers.size())) {
        const LayerWeights& L = w.layers[std::size_t(layer)];
        switch (role) {
        case WeightRole::AttnNorm:
            found = &L.attnNorm;
            break;
        case WeightRole::MlpNorm:
            found = &L.mlpNorm;
            break;
        case WeightRole::QNorm:
            found = &L.qNorm;
            break;
        case WeightRole::KNorm:
            found = &L.kNorm;
            break;
        case WeightRole::AttnPostNorm:
            found = &L.attnPostNorm;
            break;
        case WeightRole::MlpPostNorm:
            found = &L.mlpPostNorm;
            break;
        default:
            break;
        }
    }
    return found && found->weight ? found : nullptr;
}

} // namespace core
