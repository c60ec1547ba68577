#include "core/sampling/sampling_record.h"

#include "core/sampling/fast_exp.h"
#include "core/sampling/rank_selector.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>

namespace core {

namespace {
    // The same clamp as CandidateList::divideLogits, so the replay gives the run's bits.
    float divide(float logit, float temperature)
    {
        constexpr float kMax = std::numeric_limits<float>::max();
        const float scaled = logit / temperature;
        return scaled > kMax ? kMax : (scaled < -kMax && logit >= -kMax ? -kMax : scaled);
    }

    bool divides(const StageColumn& column)
    {
        return column.kind == SamplerStageKind::Temperature && column.temperature > 0.0f && column.temperature != 1.0f;
    }

    // JSON has no infinities: -inf logits are written as null.
    nlohmann::json number(double value)
    {
        return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
    }
}

std::vector<std::string> SamplingRecord::stageNames() const
{
    std::vector<std::string> names;
    for (size_t c = 1; c < m_columns.size(); ++c)
        names.push_back(m_columns[c].name);
    return names;
}

float SamplingRecord::logitAt(int32_t token, size_t column) const
{
    float logit = m_inputLogits[token];
    for (size_t c = 1; c <= column && c < m_columns.size(); ++c) {
        const StageColumn& col = m_columns[c];
        if (!col.changes.empty()) {
            const auto it = std::lower_bound(col.changes.begin(), col.changes.end(), token,
                [](const std::pair<int32_t, float>& change, int32_t t) { return change.first < t; });
            if (it != col.changes.end() && it->first == token)
                logit = it->second;
        }
        if (divides(col))
            logit = divide(logit, col.temperature);
    }
    return logit;
}

StageCell SamplingRecord::cell(int32_t token, size_t column) const
{
    StageCell cell;
    const size_t removedAt = m_removedAt[token];
    cell.logit = logitAt(token, column);
    cell.kept = removedAt == 0 || removedAt > column;
    cell.removedHere = removedAt != 0 && removedAt == column;
    if (cell.kept) {
        const StageColumn& col = m_columns[column];
        cell.probability = double(fastExp(cell.logit - col.reference)) / col.total;
    }
    return cell;
}

std::vector<int32_t> SamplingRecord::topTokens(size_t count) const
{
    const size_t n = m_inputLogits.size();
    if (n == 0 || m_columns.empty())
        return {};
    // The logit of every token after the last column: input, then each column's sparse changes and temperature.
    std::vector<float> ranking(m_inputLogits); // (vocab,)
    for (size_t c = 1; c < m_columns.size(); ++c) {
        const StageColumn& col = m_columns[c];
        for (const auto& [token, logit] : col.changes)
            ranking[token] = logit;
        if (divides(col)) {
            for (float& x : ranking)
                x = divide(x, col.temperature);
        }
    }
    std::vector<int32_t> tokens(n); // (vocab,)
    std::iota(tokens.begin(), tokens.end(), 0);
    RankSelector selector;
    std::vector<int32_t> rows;
    for (uint32_t index : selector.best(ranking, tokens, count))
        rows.push_back(int32_t(index));
    if (m_chosenToken >= 0 && std::find(rows.begin(), rows.end(), m_chosenToken) == rows.end())
        rows.push_back(m_chosenToken);
    return rows;
}

SamplingTable SamplingRecord::table(size_t count) const
{
    SamplingTable table;
    table.order = m_orderName;
    for (const StageColumn& col : m_columns) {
        table.columns.push_back(col.name);
        table.settings.push_back(col.setting);
    }
    table.chosenToken = m_chosenToken;
    table.chosenProbability = m_chosenProbability;
    table.uniform = m_uniform;
    std::vector<double> running(m_columns.size(), 0.0);
    for (int32_t token : topTokens(count)) {
        SamplingTableRow row;
        row.token = token;
        for (size_t c = 0; c < m_columns.size(); ++c) {
            row.cells.push_back(cell(token, c));
            running[c] += row.cells.back().probability;
        }
        row.cumulative = running;
        table.rows.push_back(std::move(row));
    }
    return table;
}

nlohmann::json SamplingRecord::toJson(size_t topCount) const
{
    nlohmann::json columns = nlohmann::json::array();
    for (const StageColumn& col : m_columns) {
        columns.push_back({
            { "name", col.name },
            { "setting", col.setting },
            { "note", col.note },
            { "kept", col.kept },
            { "removed", col.removed },
        });
    }
    const SamplingTable t = table(topCount);
    nlohmann::json top = nlohmann::json::array();
    for (const SamplingTableRow& row : t.rows) {
        nlohmann::json cells = nlohmann::json::array();
        for (size_t c = 0; c < row.cells.size(); ++c) {
            const StageCell& cell = row.cells[c];
            cells.push_back({
                { "logit", number(cell.logit) },
                { "p", cell.probability },
                { "cum", row.cumulative[c] },
                { "kept", cell.kept },
            });
        }
        top.push_back({ { "token", row.token }, { "cells", std::move(cells) } });
    }
    return {
        { "order", m_orderName },
        { "stages", stageNames() },
        { "parameters", m_parameters.toJson() },
        { "columns", std::move(columns) },
        { "uniform", m_uniform },
        { "chosen", { { "token", m_chosenToken }, { "probability", m_chosenProbability } } },
        { "top", std::move(top) },
    };
}

} // namespace core
