#pragma once
// The RoPE view: a layer and a (query, key) position pair chosen with spin boxes (Alt+L, Alt+Q, Alt+K), the
// RopeCanvas for them, and a short explanation. q and k are the textbook content vectors (every pair at (1, 0)), so
// what the picture shows is RoPE's own effect: how the score changes with the distance alone.
// A model with learned or sin/cos positions gets its position table on its own instead (positions x dims, the
// vectors added to the embeddings; the tensor view shows them only already added, X + PE).
#include "ui/session/model_info.h"

#include <QWidget>

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
    QLabel* m_summary = nullptr;
    QLabel* m_explanation = nullptr;
    RopeCanvas* m_canvas = nullptr;
    QScrollArea* m_canvasScroll = nullptr; // holds m_canvas
    TensorHeatmap* m_table = nullptr;
    int m_tableRows = 0;
};

} // namespace ui
