// netc's runtime in a browser: the same modules the CLI trains with (runtime/index.ts is the Node entry), and
// nothing reachable from here imports node:* (test/runtime/browser_entry.test.ts bundles it for the browser to
// check). The build maps runtime/tfjs.ts's `./tfjs_bundle.js` to runtime/tfjs_entry_browser.ts.

// Models from IR, their weights by PyTorch name, and the generator that makes runs reproducible.
export { Model } from './model.js';
export type { ParamEntry, TorchWeights } from './model.js';
export { Rng } from './rng.js';
export type { RngState } from './rng.js';
export { initChoices } from './init.js';
export type { InitScheme } from './init.js';
export { irHash } from './ir_hash.js';
export { planLowerings, explainPlan } from './lowering_plan.js';
export type { LoweringPlan, Mode } from './lowering_plan.js';
export { memoryTrialStore, setDefaultTrialStore } from './trial_store.js';
export type { TrialStore } from './trial_store.js';

// Data: IDX bytes (already gunzipped) into the CLI's Dataset, fitting images to the input, normalization.
export { datasetFromIdx, idxSplit } from './data/idx_dataset.js';
export type { IdxFiles } from './data/idx_dataset.js';
export { parseIdx } from './data/idx_format.js';
export { gunzip } from './data/gunzip_stream.js';
export type { IdxArray } from './data/idx_format.js';
export { fashionMnistClasses, digitClasses } from './data/split.js';
export type { Dataset, Split } from './data/split.js';
export { planInput } from './data/input_fit.js';
export type { InputPlan } from './data/input_fit.js';
export { channelStats, fashionMnistNormalization, normalizationFor, normalizeChoices } from './data/normalization.js';
export type { Normalization, NormalizeMode } from './data/normalization.js';
export type { Augmentation } from './data/batches.js';
export type { DataInfo } from './data/data_record.js';

// Training: THE loop (trainer.ts runs the CLI's `train` on it), optimizers, schedules.
export { TrainingSession } from './train/training_session.js';
export type { SessionConfig, SessionEvents, SessionResult, SessionState, SessionStep, EpochMetrics } from './train/training_session.js';
export type { StepProgress } from './train/progress.js';
export { defaultOptimizerConfig, optimizerChoices } from './train/optimizer.js';
export type { OptimizerConfig, OptimizerKind } from './train/optimizer.js';
export { scheduleChoices, learningRate } from './train/schedule.js';
export type { Schedule, ScheduleKind } from './train/schedule.js';
export { curvesSvg } from './train/curves_svg.js';
export { gradientHeatmapSvg } from './train/gradients_svg.js';

// Evaluation and prediction.
export { evaluate } from './evaluate_model.js';
export type { Evaluation } from './evaluate_model.js';
export { classify } from './predict.js';
export type { Prediction } from './predict.js';

// Weights in and out: safetensors bytes, netc's model-file header, PyTorch state_dicts.
export { encodeSafetensors, decodeSafetensors } from './io/safetensors.js';
export type { TensorMap, SafetensorsFile } from './io/safetensors.js';
export { encodeModelFile, netcHeader, CHECKPOINT_FILE, CHECKPOINT_FORMAT } from './io/checkpoint_format.js';
export type { CheckpointHeader } from './io/checkpoint_format.js';
export { fromStateDict, renameByMap, renameByOrder } from './weight_import.js';

// Errors a host shows people (one line) apart from bugs.
export { UserError, DataError, WeightError, TrainingDiverged, BackendError } from './errors.js';

// The one TensorFlow.js engine every runtime module uses.
export * as tf from './tfjs.js';

// Backends in a page: webgpu (a known-answer-tested adapter with netc's kernels), else webgl (float32 render
// targets), else wasm (the page's binaries), else cpu; and a step's shaders compiled before the first step.
export { startBrowserBackend, browserBackendChoices } from './backends/browser_backend.js';
export type { BrowserBackendRequest, BrowserBackendInfo } from './backends/browser_backend.js';
export { precompile } from './backends/browser_precompile.js';
