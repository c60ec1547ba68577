# Project-wide compile flags, applied through the ie_options interface target.
add_library(ie_options INTERFACE)
# -fopenmp-simd: `#pragma omp simd` vectorisation hints only; threads come from core::ThreadPool, not OpenMP.
target_compile_options(ie_options INTERFACE -Wall -Wextra -Wno-unused-parameter -fopenmp-simd)
if(IE_NATIVE)
    target_compile_options(ie_options INTERFACE -march=native)
    # GCC 12 reports Eigen's AVX-512 packets as maybe-uninitialized (_mm512_undefined_* in avx512fintrin.h,
    # GCC bug 105593): ~280 false warnings per build that would hide real ones. Only for GCC before 13.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        target_compile_options(ie_options INTERFACE -Wno-maybe-uninitialized)
    endif()
endif()
# Undefined behaviour is an error, not a warning on stderr: -fno-sanitize-recover makes the test (or fuzzer) fail.
if(IE_SANITIZE OR IE_FUZZ)
    target_compile_options(ie_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined
        -fno-omit-frame-pointer)
    target_link_options(ie_options INTERFACE -fsanitize=address,undefined)
endif()
if(IE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "IE_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
    endif()
    # Coverage instrumentation everywhere; the harnesses link libFuzzer's main (tests/fuzz/CMakeLists.txt).
    target_compile_options(ie_options INTERFACE -fsanitize=fuzzer-no-link)
endif()

# ie_core_module(NAME [DEPS ...]): one static library per folder of core/, sources globbed from that folder.
# Each module is its own target so a half-written module never blocks building the others.
function(ie_core_module name)
    cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
    file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
    add_library(ie_core_${name} STATIC ${srcs})
    target_include_directories(ie_core_${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(ie_core_${name} PUBLIC ie_options ${ARG_DEPS})
    add_library(core::${name} ALIAS ie_core_${name})
endfunction()
