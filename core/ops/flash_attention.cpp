#include "core/ops/flash_attention.h"

#include "core/common/thread_pool.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace core::ops {

namespace {

    // Score tile on the stack: at most kFlashTile x kFlashTile, no allocation inside a pass.
    using Tile = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor, kFlashTile, kFlashTile>;
    using RowStat = Eigen::Matrix<float, Eigen::Dynamic, 1, 0, kFlashTile, 1>;

    // One query block: rows [r0, r0 + n) of q, accumulated into acc (n, d) (unnormalised), with the running max m
    // and sum l per row. Calls `after(keyBegin, keyEnd)` after each key tile. Keys after the block's last query
    // position are skipped altogether (they are masked for every row of it).
    template <class After>
    void queryBlock(MatRef acc, RowStat& m, RowStat& l, ConstMatRef q, ConstMatRef k, ConstMatRef v, float scale,
        int pos0, int r0, int n, int tile, After&& after)
    {
        const float ninf = -std::numeric_limits<float>::infinity();
        const int ctx = int(k.rows());
        const int keyEnd = std::min(ctx, pos0 + r0 + n); // keys any row of the block can see
        m.setConstant(n, ninf);
        l.setZero(n);
        acc.setZero();
        Tile s;
        for (int c0 = 0; c0 < keyEnd; c0 += tile) {
            const int cn = std::min(tile, keyEnd - c0);
            // s (n, cn) = q_blk (n, d) k_tile^T (d, cn) * scale, then the causal mask inside the tile
            s.resize(n, cn);
            s.noalias() = scale * (q.middleRows(r0, n) * k.middleRows(c0, cn).transpose());
            for (int i = 0; i < n; ++i)
                for (int j = std::max(0, pos0 + r0 + i + 1 - c0); j < cn; ++j)
                    s(i, j) = ninf;
            for (int i = 0; i < n; ++i) {
                const float mNew = std::max(m[i], s.row(i).maxCoeff());
                if (mNew == ninf) // nothing visible in this row yet
                    continue;
                const float alpha = std::exp(m[i] - mNew); // rescales what was accumulated under the old max
                s.row(i) = (s.row(i).array() - mNew).exp().matrix();
                l[i] = alpha * l[i] + s.row(i).sum();
                acc.row(i) *= alpha;
                m[i] = mNew;
            }
            // acc (n, d) += p (n, cn) v_tile (cn, d)
            acc.noalias() += s * v.middleRows(c0, cn);
            after(c0, c0 + cn);
        }
    }

} // namespace

void flashAttention(
    MatRef out, ConstMatRef q, ConstMatRef k, ConstMatRef v, float scale, int pos0, int threads, int tile)
{
    // shapes, checked in debug builds
    assert(q.cols() == k.cols() && k.rows() == v.rows() && out.rows() == q.rows() && out.cols() == v.cols());
    assert(tile >= 1 && tile <= kFlashTile);
    const int T = int(q.rows());
    const int blocks = (T + tile - 1) / tile;
    ThreadPool::instance().parallelFor(blocks, T >= 64 ? threads : 1, [&](int b) {
        const int r0 = b * tile, n = std::min(tile, T - r0);
        RowStat m, l;
        auto acc = out.middleRows(r0, n);
        queryBlock(acc, m, l, q, k, v, scale, pos0, r0, n, tile, [](int, int) {});
        for (int i = 0; i < n; ++i) {
            if (l[i] > 0)
                acc.row(i) /= l[i];
            else
                acc.row(i).setZero(); // a row with nothing visible, as softmaxRows defines it
        }
    });
}

FlashWalk flashWalk(ConstMatRef q, ConstMatRef k, ConstMatRef v, float scale, int pos0, int queryRow, int tile)
{
    assert(q.cols() == k.cols() && k.rows() == v.rows() && queryRow >= 0 && queryRow < q.rows());
    tile = std::clamp(tile, 1, kFlashTile);
    FlashWalk walk;
    walk.tile = tile;
    walk.headDim = int(v.cols());
    walk.queryBegin = queryRow / tile * tile;
    walk.queryEnd = std::min(int(q.rows()), walk.queryBegin + tile);
    const int n = walk.queryEnd - walk.queryBegin, d = int(v.cols());
    RowMatrix acc(n, d);
    RowStat m, l;
    queryBlock(acc, m, l, q, k, v, scale, pos0, walk.queryBegin, n, tile, [&](int c0, int c1) {
        FlashTileState st;
        st.keyBegin = c0;
        st.keyEnd = c1;
        st.runningMax.assign(m.data(), m.data() + n);
        st.runningSum.assign(l.data(), l.data() + n);
        st.partialOut.resize(std::size_t(n) * d);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < d; ++j)
                st.partialOut[std::size_t(i) * d + j] = l[i] > 0 ? acc(i, j) / l[i] : 0.0f;
        walk.steps.push_back(std::move(st));
    });
    return walk;
}

double naiveAttentionBytes(int T, int ctx) { return double(T) * ctx * sizeof(float); }

double flashAttentionBytes(int T, int threads, int tile)
{
    return double(threads) * tile * tile * sizeof(float) + 2.0 * T * sizeof(float);
}

} // namespace core::ops
