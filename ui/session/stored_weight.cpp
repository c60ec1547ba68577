#include "ui/session/stored_weight.h"

#include "core/formats/quant/quant_block.h"
#include "core/loader/loaded_model.h"
#include "core/model/architecture.h"

#include <algorithm>

namespace ui {

StoredWeight StoredWeight::of(const core::LoadedModel& model, const core::PlanNode& node, int row, int maxBlocks)
{
    StoredWeight w;
    if (node.weight == core::WeightRole::None || model.format != core::ModelFormat::Gguf)
        return w;
    const core::SourceTensor* t = nullptr;
    for (const core::ExpectedTensor& e : core::expectedTensors(model.config(), core::TensorNaming::Gguf))
        if (e.role == node.weight && e.layer == node.layer && !e.bias)
            t = model.model->source().find(e.name);
    if (!t || !core::quant::canDecodeBlock(t->dtype) || t->shape.size() != 2)
        return w;
    const std::int64_t perBlock = core::blockElements(t->dtype), bytes = core::blockBytes(t->dtype);
    w.tensor = QString::fromStdString(t->name);
    w.type = QString::fromLatin1(core::dtypeName(t->dtype));
    w.rows = t->shape[0];
    w.cols = t->shape[1];
    w.row = std::clamp(row, 0, int(w.rows - 1));
    w.blocksPerRow = int(w.cols / perBlock);
    const std::uint8_t* rowBytes = t->data + std::int64_t(w.row) * w.blocksPerRow * bytes;
    for (int b = 0; b < std::min(maxBlocks, w.blocksPerRow); ++b) {
        const core::quant::QuantBlock q = core::quant::decodeBlock(t->dtype, rowBytes + b * bytes);
        StoredBlock s;
        s.d = q.d;
        s.hasMin = q.min.has_value();
        s.min = q.min.value_or(0.0f);
        for (const auto& sub : q.subBlocks)
            s.subBlocks.push_back({ sub.first, sub.count, sub.scale, sub.min.value_or(-1) });
        s.codes = QVector<int>(q.codes.begin(), q.codes.end());
        s.codeOffset = q.codeOffset;
        s.values = QVector<float>(q.values.begin(), q.values.end());
        w.blocks.push_back(std::move(s));
    }
    return w;
}

} // namespace ui
