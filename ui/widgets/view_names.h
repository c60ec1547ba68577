#pragma once
// The views the window can bring to the front, by name: one table for MainWindow::showView(), the decoding
// workbench, the screenshot driver and the --view option of inference-explorer (its help lists these names and
// nothing else is accepted).
#include <QString>
#include <QStringList>

#include <optional>

namespace ui {

enum class View {
    // The stepper (main window)
    Tensor,
    Attention,
    Lines, // the attention view in lines mode
    Diagram,
    Explanation,
    Model, // the model card
    Ops, // the Ops list
    Rope, // the RoPE view (ui/positions); "rope:layer=3,query=40,key=8" also picks the layer and the positions
    Gqa, // the grouped-query map (ui/positions)
    // The decoding workbench
    Sampling, // "sampling:temperature=0.8,top_k=6" also moves the lab's controls
    Generation,
    Kv, // the generation view (it holds the KV cache view)
    Beam,
    Compare,
    Metrics,
    // The interpretability workbench; "lens:target= Paris,colour=rank", "attribution:target= Paris,minus= Berlin"
    // and "heads:target= Paris,position=4,colour=ablation" also fill its fields
    Lens,
    Attribution,
    Heads,
    // The interventions (ui/interventions)
    Interventions, // the next-token distribution and a greedy generation before / after the intervention list
    Patching, // activation patching heatmaps
    // The model compared with another file of it (ui/quantization/)
    Quantization,
};

enum class ViewSide { Stepper, Decoding, Interp, Interventions };

struct ViewEntry {
    View view;
    const char* name; // what --view and showView() take
    ViewSide side;
};

// Every view, in the order above.
const QList<ViewEntry>& viewTable();
QString viewName(View view);
ViewSide viewSide(View view);
QStringList viewNames(); // in table order
// The view a name names ("sampling:top_k=6" names the sampling lab; only it, the interpretability views and "rope:"
// take settings). nullopt: no such view.
std::optional<View> viewFromName(const QString& name);
// The part after the ':' ("" when there is none).
QString viewSettings(const QString& name);

} // namespace ui
