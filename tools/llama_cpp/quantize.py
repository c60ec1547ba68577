#!/usr/bin/env python3
"""Quantize a GGUF file with llama.cpp's own quantizer (llama_model_quantize, what llama-quantize runs), from the
prebuilt libllama that node-llama-cpp ships: the files `inference-cli bench --llama-cpp` compares on are then
made by llama.cpp itself, not by us.

    python3 tools/llama_cpp/quantize.py IN-F32.gguf OUT.gguf Q8_0|Q4_K_M|Q5_K_M|Q6_K|Q4_0|F16

Tools only: building and testing never need it.
"""
import ctypes
import glob
import os
import sys

# enum llama_ftype (llama.h)
FTYPES = {"F16": 1, "Q4_0": 2, "Q8_0": 7, "Q4_K_M": 15, "Q5_K_M": 17, "Q6_K": 18}


class QuantizeParams(ctypes.Structure):
    # struct llama_model_quantize_params; room to spare at the end for fields newer builds add (the library fills
    # them through llama_model_quantize_default_params, we only change ftype and nthread).
    _fields_ = [
        ("nthread", ctypes.c_int32),
        ("ftype", ctypes.c_int32),
        ("rest", ctypes.c_uint8 * 248),
    ]


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in FTYPES:
        sys.exit(__doc__)
    here = os.path.dirname(os.path.abspath(__file__))
    libs = glob.glob(os.path.join(here, "node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/libllama*.so"))
    if not libs:
        sys.exit("libllama not found: run `npm ci` in tools/llama_cpp")
    libdir = os.path.dirname(libs[0])
    for dep in sorted(glob.glob(os.path.join(libdir, "libggml-base*.so"))) + sorted(
        glob.glob(os.path.join(libdir, "libggml.*so"))
    ):
        ctypes.CDLL(dep, mode=ctypes.RTLD_GLOBAL)
    llama = ctypes.CDLL([l for l in libs if "common" not in l][0], mode=ctypes.RTLD_GLOBAL)
    llama.llama_backend_init()
    llama.llama_model_quantize_default_params.restype = QuantizeParams
    params = llama.llama_model_quantize_default_params()
    params.ftype = FTYPES[sys.argv[3]]
    params.nthread = os.cpu_count() or 1
    llama.llama_model_quantize.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(QuantizeParams)]
    llama.llama_model_quantize.restype = ctypes.c_uint32
    rc = llama.llama_model_quantize(sys.argv[1].encode(), sys.argv[2].encode(), ctypes.byref(params))
    if rc != 0:
        sys.exit(f"llama_model_quantize failed ({rc})")
    print(f"wrote {sys.argv[2]} ({sys.argv[3]}, llama.cpp's quantizer)")


if __name__ == "__main__":
    main()
