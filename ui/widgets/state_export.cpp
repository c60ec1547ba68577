#include "ui/widgets/state_export.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/attention_panel.h"
#include "ui/widgets/attention_view.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/presentation_mode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <nlohmann/json.hpp>

namespace ui {

namespace {

    QJsonObject modelJson(const ModelInfo& m)
    {
        return { { "folder", m.folder }, { "name", m.displayName }, { "architecture", m.arch }, { "format", m.format },
            { "layers", m.layers }, { "heads", m.heads }, { "kv_heads", m.kvHeads }, { "dim", m.dim },
            { "vocab", m.vocab }, { "context", m.context }, { "parameters", double(m.parameters) } };
    }

    QJsonObject stepJson(const StepSnapshot& s)
    {
        QJsonObject o { { "phase", s.phaseText() }, { "op_index", s.cursor }, { "ops_in_pass", s.total },
            { "decode_step", s.decodeStep }, { "positions", s.positions }, { "context", s.context } };
        if (!s.isValid())
            return o;
        o.insert("op",
            QJsonObject { { "name", s.name }, { "kind", s.kind }, { "label", s.coreLabel }, { "layer", s.layer },
                { "head", s.head }, { "shape", QJsonArray { s.rows, s.cols } } });
        o.insert("stats",
            QJsonObject { { "min", double(s.stats.min) }, { "max", double(s.stats.max) },
                { "mean", double(s.stats.mean) }, { "std", double(s.stats.std) } });
        QJsonArray predictions;
        for (const Prediction& p : s.predictions)
            predictions.append(
                QJsonObject { { "id", p.id }, { "text", p.text }, { "probability", double(p.probability) } });
        if (!predictions.isEmpty())
            o.insert("predictions", predictions);
        return o;
    }

    QJsonObject samplingJson(const DecodingController* c)
    {
        QJsonObject o { { "order", c->order() },
            { "parameters",
                QJsonDocument::fromJson(QByteArray::fromStdString(c->sampling().toJson().dump())).object() } };
        const SamplingSnapshot& s = c->lastSampling();
        if (!s.isValid())
            return o;
        QJsonArray columns;
        for (std::size_t i = 0; i < s.table.columns.size(); ++i)
            columns.append(QJsonObject { { "name", QString::fromStdString(s.table.columns[i]) },
                { "setting", QString::fromStdString(s.table.settings[i]) },
                { "kept", s.keptPerColumn.value(int(i)) } });
        QJsonArray rows;
        for (std::size_t r = 0; r < s.table.rows.size(); ++r) {
            const core::SamplingTableRow& row = s.table.rows[r];
            QJsonArray cells;
            for (const core::StageCell& cell : row.cells)
                cells.append(
                    QJsonObject { { "logit", double(cell.logit) }, { "p", cell.probability }, { "kept", cell.kept } });
            rows.append(
                QJsonObject { { "token", row.token }, { "text", s.rowText.value(int(r)) }, { "cells", cells } });
        }
        o.insert("step", s.step);
        o.insert("columns", columns);
        o.insert("rows", rows);
        o.insert("chosen",
            QJsonObject { { "token", s.table.chosenToken }, { "text", s.chosenText },
                { "probability", s.table.chosenProbability }, { "uniform", s.table.uniform } });
        return o;
    }

} // namespace

QByteArray stateJson(MainWindow* window)
{
    const SessionController* c = window->controller();
    QJsonArray tokens;
    for (int i = 0; i < c->tokens().size(); ++i) {
        const TokenInfo& t = c->tokens()[i];
        tokens.append(QJsonObject { { "position", i }, { "id", t.id }, { "text", t.visibleText() },
            { "special", t.special }, { "generated", t.generated() } });
    }
    const AttentionView* attention = window->attentionPanel()->view();
    QJsonObject state { { "format", "inference-explorer-state" }, { "version", kStateJsonVersion },
        { "model", modelJson(c->model()) }, { "prompt", window->promptText() }, { "tokens", tokens },
        { "stepper", stepJson(c->current()) }, { "selected_token", window->selectedPosition() },
        { "head", QJsonObject { { "layer", attention->selectedLayer() }, { "head", attention->selectedHead() } } },
        { "view", viewName(window->currentView()) }, { "zoom", window->presentation()->zoom() },
        { "presentation", window->presentation()->isActive() } };
    if (window->decoding())
        state.insert("sampling", samplingJson(window->decoding()->controller()));
    return QJsonDocument(state).toJson(QJsonDocument::Indented);
}

} // namespace ui
