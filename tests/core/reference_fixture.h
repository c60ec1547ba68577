#pragma once
// Runs our engine on a prompt from a reference.safetensors fixture (made by tools/reference, PyTorch in
// float64) and collects the same tensors: embedding stream, block outputs, attention probabilities, logits.
#include "core/exec/executor.h"
#include "core/formats/safetensors_file.h"
#include "core/model/model.h"

#include <map>
#include <string>
#include <vector>

struct Comparison {
    std::string key; // "p1.block0"
    double maxAbsDiff = 0;
    double maxAbsRef = 0; // the scale the difference is relative to
    double relative() const { return maxAbsDiff / std::max(1.0, maxAbsRef); }
};

// Compares every tensor of prompt `p`; returns one row per fixture key.
std::vector<Comparison> compareWithFixture(const core::Model& model, const core::SafetensorsFile& fixture, int p);
// Number of prompts in the fixture (p0, p1, ...).
int fixturePrompts(const core::SafetensorsFile& fixture);
