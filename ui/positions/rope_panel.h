#pragma once
// The RoPE view: a layer, a head and a (query, key) position pair chosen with spin boxes (Alt+L, Alt+H, Alt+Q, Alt+K),
// the RopeCanvas for them, and a short explanation. Inside the prompt, q and k are the model's own (the head's query
// and its K/V head's key as the layer's RoPE receives them, asked for with vectorsWanted and computed on the engine
// thread); past its end, or without a prompt, the textbook content vectors (every pair at (1, 0)) show RoPE's own
// effect: how the score changes with the distance alone.
// A model with learned or sin/cos positions gets its position table on its own instead (positions x dims, the
// vectors added to the embeddings; the tensor view shows them only already added, X + PE).
#include "ui/interp/interp_snapshot.h"
#include "ui/session/model_info.h"

#include <QWidget>

#include <optional>

class QLabel;
class QScrollArea;
class QSpinBox;

namespace ui {

class RopeCanvas;
class TensorHeatmap;

class RopePanel : public QWidget {
    Q_OBJECT
public:
    explicit RopePanel(QWidget* parent = nullptr);
    void setModel(const ModelInfo& info);
    void setLayer(int layer);
    void setPositions(int query, int key); // the key is kept at or before the query (causal attention)
    // "layer=3,query=40,key=8" (any of them; "" changes nothing). False for an unknown name or a bad number.
    bool applySettings(const QString& settings);
    RopeCanvas* canvas() const { return m_canvas; }
    TensorHeatmap* positionTable() const { return m_table; } // shown for learned / sin-cos models
    void setPromptLength(int tokens); // positions below it use the model's own q and k
    void setVectors(const RopeVectors& vectors); // the answer to vectorsWanted (ignored if the choice moved on)
    bool showsModelVectors() const { return m_shown.has_value(); }
    void setHead(int head);

signals:
    void vectorsWanted(int layer, int head, int posQ, int posK);

protected:
    void changeEvent(QEvent* e) override;

private:
    void recompute();
    void retranslate();

    core::ModelConfig m_config;
    bool m_rope = false;
    QLabel* m_layerLabel = nullptr;
    QLabel* m_queryLabel = nullptr;
    QLabel* m_keyLabel = nullptr;
    QSpinBox* m_layer = nullptr;
    QSpinBox* m_query = nullptr;
    QSpinBox* m_key = nullptr;
    QLabel* m_headLabel = nullptr;
    QSpinBox* m_head = nullptr;
    int m_promptLength = 0;
    std::optional<RopeVectors> m_vectors; // the last answer
    std::optional<RopeVectors> m_shown; // the model's vectors the canvas shows now (nullopt: textbook ones)
    QLabel* m_summary = nullptr;
    QLabel* m_explanation = nullptr;
    RopeCanvas* m_canvas = nullptr;
    QScrollArea* m_canvasScroll = nullptr; // holds m_canvas
    TensorHeatmap* m_table = nullptr;
    int m_tableRows = 0;
};

} // namespace ui
