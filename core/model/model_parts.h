#pragma once
// The parts a model is made of, in words, beyond the textbook transformer: "grouped-query attention: 4 query heads
// share each of 1 K/V heads", "sliding window of 512 tokens on layers 0-4, 6-10, ...". `inference-cli info` prints
// them; every switch of ModelConfig that is on appears here once.
#include "core/model/model_config.h"

#include <string>
#include <vector>

namespace core {

std::vector<std::string> modelParts(const ModelConfig& c);

} // namespace core
