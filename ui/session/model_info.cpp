#include "ui/session/model_info.h"

#include "ui/session/op_label.h"

#include "core/loader/loaded_model.h"
#include "core/model/model.h"
#include "core/plan/execution_plan.h"
#include "core/tokenizer/chat_template.h"

#include <QDir>

#include <algorithm>

namespace ui {

int ModelInfo::firstNodeOfLayer(int layer) const
{
    int afterBlocks = 0;
    for (int i = 0; i < plan.size(); ++i) {
        if (plan[i].layer == layer)
            return i;
        if (plan[i].layer >= 0)
            afterBlocks = i + 1;
    }
    return afterBlocks;
}

ModelInfo ModelInfo::from(const core::Model& model, const core::ExecutionPlan& plan)
{
    const core::ModelConfig& c = model.config();
    ModelInfo m;
    m.config = c;
    m.folder = QString::fromStdString(model.folder());
    m.displayName = QDir(m.folder).dirName();
    m.arch = QString::fromUtf8(core::archName(c.arch));
    m.modelType = QString::fromStdString(c.modelType);
    m.dtype = QString::fromStdString(model.weightsDtype());
    m.positional = QString::fromUtf8(core::positionalName(c.positional));
    m.norm = QString::fromUtf8(core::normName(c.norm));
    m.placement = QString::fromUtf8(core::placementName(c.placement));
    m.activation = QString::fromUtf8(core::activationName(c.activation));
    m.parameters = model.parameterCount();
    m.weightBytes = model.weightBytes();
    m.storedBytes = model.storedWeightBytes();
    m.vocab = c.vocab;
    m.dim = c.dim;
    m.hidden = c.hidden;
    m.layers = c.nLayers;
    m.heads = c.nHeads;
    m.kvHeads = c.nKvHeads;
    m.headDim = c.headDim;
    m.context = c.maxPositions;
    m.qDim = c.qDim();
    m.rotaryDim = c.rotaryDim();
    m.window = c.slidingWindow;
    for (int l = 0; l < c.nLayers; ++l)
        m.layerWindows.push_back(c.slidingLayer(l) ? c.slidingWindow : 0);
    m.attnSoftcap = c.attnSoftcap;
    m.finalSoftcap = c.finalSoftcap;
    m.tiedEmbeddings = c.tiedEmbeddings;
    if (const float* table = model.weights().positionTable; table && c.positional != core::Positional::Rope) {
        m.positionRows = std::min(c.maxPositions, kPositionRowsShown);
        m.positionTable = QVector<float>(table, table + qsizetype(m.positionRows) * c.dim);
    }
    m.hasTokenizer = !model.tokenizerPath().empty();
    m.plan.reserve(int(plan.size()));
    for (const core::PlanNode& n : plan.nodes()) {
        PlanNodeInfo p;
        p.opKind = n.kind;
        p.part = n.part;
        p.norm = n.norm;
        p.activation = n.activation;
        p.positional = n.positional;
        p.variant = n.variant;
        p.kind = QString::fromUtf8(core::opKindName(n.kind));
        p.name = QString::fromStdString(n.name);
        p.coreLabel = QString::fromStdString(n.label);
        p.layer = n.layer;
        p.head = n.head;
        p.label = opLabel(p);
        p.shape = QString::fromStdString(n.shape.text());
        p.endsBlock = n.endsBlock;
        m.plan.push_back(p);
    }
    return m;
}

ModelInfo ModelInfo::from(const core::LoadedModel& loaded)
{
    ModelInfo m = from(*loaded.model, loaded.plan);
    m.format = QString::fromUtf8(core::modelFormatName(loaded.format));
    m.quantization = QString::fromStdString(loaded.quantization.describe());
    m.hasTokenizer = loaded.tokenizer.has_value();
    m.tokenizerFile = QString::fromStdString(loaded.tokenizerFile);
    for (const auto& [key, value] : loaded.metadata)
        m.metadata.push_back({ QString::fromStdString(key), QString::fromStdString(value) });
    const core::ChatFormat chat = core::recogniseChatTemplate(loaded.chatTemplate);
    m.chatLayout = QString::fromUtf8(core::chatFamilyName(chat.family));
    m.chatNotice = QString::fromStdString(chat.notice);
    m.chatExample = QString::fromStdString(core::formatChat(chat.family, { { "user", "Hi" } }, true));
    return m;
}

} // namespace ui
