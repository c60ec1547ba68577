#include "args.h"
#include "commands.h"

#include "core/formats/dtype.h"
#include "core/model/random_model.h"

#include <iostream>

int cmdMakeRandom(const Words& w)
{
    Args args(w, { "tied" },
        { "arch", "dim", "layers", "heads", "kv-heads", "hidden", "vocab", "context", "seed", "dtype", "out",
            "positional", "norm", "placement", "activation" });
    core::RandomModelSpec s;
    if (!args.has("out"))
        throw UsageError("--out DIR is required");
    s.arch = args.text("arch", s.arch);
    s.dim = int(args.integer("dim", s.dim, 2, 16384));
    s.layers = int(args.integer("layers", 0, 0, 256)); // 0: the architecture's default
    s.heads = int(args.integer("heads", s.heads, 1, 256));
    s.kvHeads = int(args.integer("kv-heads", 0, 0, 256));
    s.hidden = int(args.integer("hidden", 0, 0, 1 << 18));
    s.vocab = int(args.integer("vocab", s.vocab, 256, 1 << 20));
    s.context = int(args.integer("context", s.context, 1, 1 << 20));
    s.seed = std::uint64_t(args.integer("seed", 1, 0, INT64_MAX));
    const auto dt = core::dtypeFromName(args.text("dtype", "F32"));
    if (!dt || (*dt != core::DType::F32 && *dt != core::DType::F16 && *dt != core::DType::BF16))
        throw UsageError("--dtype must be F32, F16 or BF16");
    s.dtype = *dt;
    s.tied = args.flag("tied");
    s.positional = args.text("positional", s.positional);
    s.norm = args.text("norm", s.norm);
    s.placement = args.text("placement", s.placement);
    s.activation = args.text("activation", s.activation);
    core::writeRandomModel(s, args.text("out"));
    std::cout << "wrote " << args.text("out") << "\n";
    return 0;
}
