#pragma once
// FlashAttention (Dao et al., 2022): one head's attention computed tile by tile with an online softmax. Each query
// block keeps, per row, the running maximum m and the running sum l of exp(score - m); every key tile rescales what
// was accumulated so far by exp(m_old - m_new) and adds its own share. The (T, ctx) score matrix is never stored:
// the working memory is one (tileRows, tileCols) tile per thread, which is why long prompts use it.
#include "core/common/tensor_view.h"

#include <functional>
#include <vector>

namespace core::ops {

constexpr int kFlashTile = 64; // query rows and key columns of one tile (a 16 KB score tile stays in L1/L2)

// out (T, d) = softmax(causal(q (T, d) k^T (d, ctx) * scale)) v (ctx, d); query i sits at position pos0 + i.
// Equal to attentionScores + causalMask + softmaxRows + attentionMix within float rounding.
void flashAttention(MatRef out, ConstMatRef q, ConstMatRef k, ConstMatRef v, float scale, int pos0, int threads = 1,
    int tile = kFlashTile);

// The state of one query block after one key tile: what the stepper shows.
struct FlashTileState {
    int keyBegin = 0; // the tile's key columns [keyBegin, keyEnd)
    int keyEnd = 0;
    std::vector<float> runningMax; // (rows,) max score seen so far per query row
    std::vector<float> runningSum; // (rows,) sum of exp(score - runningMax) so far
    std::vector<float> partialOut; // (rows, d) the output so far, divided by runningSum (what it would be if
                                   // the keys seen so far were all there are)
};

// One query block [queryBegin, queryEnd) walked over its key tiles, a state after each tile.
struct FlashWalk {
    int queryBegin = 0;
    int queryEnd = 0;
    int tile = 0;
    int headDim = 0;
    std::vector<FlashTileState> steps;
};

// The walk of the block of `tile` query rows holding row `queryRow`; the same arithmetic as flashAttention.
FlashWalk flashWalk(ConstMatRef q, ConstMatRef k, ConstMatRef v, float scale, int pos0, int queryRow, int tile);

// Bytes of working memory for one head over T queries and ctx keys: naive keeps the (T, ctx) scores; flash a tile
// of scores per thread and the running max and sum per query row.
double naiveAttentionBytes(int T, int ctx);
double flashAttentionBytes(int T, int threads, int tile = kFlashTile);

} // namespace core::ops
