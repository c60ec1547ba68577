#pragma once
// One function per CLI command; each takes the words after the command name and returns the exit code.
#include <string>
#include <vector>

using Words = std::vector<std::string>;

int cmdInfo(const Words& w);
int cmdPlan(const Words& w);
int cmdTokenize(const Words& w);
int cmdDetokenize(const Words& w);
int cmdLogits(const Words& w);
int cmdTrace(const Words& w);
int cmdBench(const Words& w);
int cmdMakeRandom(const Words& w);
int cmdGenerate(const Words& w);
int cmdChat(const Words& w);
int cmdModels(const Words& w);
int cmdBeam(const Words& w);
int cmdCompare(const Words& w);
int cmdCompareWeights(const Words& w);
int cmdArchs(const Words& w);
