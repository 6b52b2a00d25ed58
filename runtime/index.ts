// netc's runtime as a library: what a host (the CLI, a server, a notebook) needs to run checked IR on TensorFlow.js.
// Hosts import this file only, never the modules behind it (test/cli/runtime_entry.test.ts checks cli/).
// This is the Node entry: the same neutral modules as runtime/browser.ts, plus files, Dawn and worker threads.
import { setDefaultTrialStore } from './trial_store.js';
import { fileTrialStore } from './platform/trial_store_file.js';

// Node measures lowerings once per machine: the trial cache lives on disk ($NETC_CACHE_DIR or ~/.cache/netc).
setDefaultTrialStore(fileTrialStore());

// Backends: start one (once per process) and say which and why.
export { startBackend, backendChoices } from './backends/start_backend.js';
export type { BackendInfo, BackendRequest } from './backends/start_backend.js';

// Models from IR: variables, forward, weights in and out by PyTorch name.
export { Model } from './model.js';
export type { ParamEntry, TorchWeights } from './model.js';
export { Rng } from './rng.js';
export type { RngState } from './rng.js';
export { initChoices } from './init.js';
export type { InitScheme } from './init.js';
export { irHash } from './ir_hash.js';

// How each layer runs on the backend (fusion, folding, measured alternatives), and its explanation.
export { planLowerings, explainPlan } from './lowering_plan.js';
export type { LoweringPlan, Mode } from './lowering_plan.js';

// Data: IDX datasets and image folders, fitting images to a network's input, PNG/JPEG/PGM files, the run's data.json.
export { loadDataset, defaultDataDir, fashionMnistClasses } from './platform/idx_files.js';
export type { Dataset, Split, LoadOptions } from './platform/idx_files.js';
export { loadData, inputLine } from './platform/load_data.js';
export type { DataRequest, LoadedData } from './platform/load_data.js';
export { datasetFromIdx } from './data/idx_dataset.js';
export type { IdxFiles } from './data/idx_dataset.js';
export { planInput } from './data/input_fit.js';
export type { InputPlan } from './data/input_fit.js';
export { readImage, fitImage } from './data/image_files.js';
export type { DecodedImage } from './data/decode_image.js';
export { normalizationFor, channelStats, fashionMnistNormalization, normalizeChoices } from './data/normalization.js';
export type { Normalization, NormalizeMode } from './data/normalization.js';
export { dataInfo, writeDataInfo, readDataInfo, DATA_INFO_FILE } from './platform/data_info.js';
export { runDataInfo, checkpointDataInfo } from './platform/checkpoint_data_info.js';
export { requireImages } from './train/train_preflight.js';
export type { DataInfo } from './data/data_record.js';
export type { Augmentation } from './data/batches.js';

// Training: the loop, optimizers, schedules, progress display.
export { train } from './train/trainer.js';
export { TrainingSession } from './train/training_session.js';
export type { SessionConfig, SessionEvents, SessionResult, SessionState, SessionStep } from './train/training_session.js';
export type { TrainConfig, TrainResult, EpochMetrics } from './train/trainer.js';
export { defaultOptimizerConfig, optimizerChoices } from './train/optimizer.js';
export type { OptimizerConfig, OptimizerKind } from './train/optimizer.js';
export { scheduleChoices, learningRate, oneCycleRate } from './train/schedule.js';
export { curvesSvg, type EpochPoint, type CurvesOptions } from './train/curves_svg.js';
export { gradientHeatmapSvg } from './train/gradients_svg.js';
export { bestEpoch, type BestEpoch } from './train/best_epoch.js';
export type { TraceRecord, LayerTrace } from './train/grad_trace.js';
export type { Schedule, ScheduleKind } from './train/schedule.js';
export { createProgress, epochLine } from './train/progress.js';
export { openRunDirectory, RUN_FILES, METRICS_FILE } from './platform/run_directory.js';
export type { RunDirectory, OpenRunOptions } from './platform/run_directory.js';
export { FileSystemError, withFsErrors } from './platform/fs_errors.js';
export { LockedError, LOCK_FILE } from './platform/run_lock.js';
export type { Progress, StepProgress, EpochSummary } from './train/progress.js';

// Evaluation and prediction.
export { evaluate } from './evaluate_model.js';
export type { Evaluation } from './evaluate_model.js';
export { classify } from './predict.js';
export type { Prediction } from './predict.js';

// Fine-tuning: weights copied by name from another network, with a report; training state per epoch.
export { initFrom, describeLoadReport } from './init_from.js';
export type { LoadReport } from './init_from.js';
export { trainingStateAt, parameterMultipliers } from './train/training_state.js';
export type { TrainingState } from './train/training_state.js';
export { readSafetensorsFile, writeSafetensorsFile } from './io/safetensors_file.js';
export { encodeSafetensors, decodeSafetensors } from './io/safetensors.js';
export type { TensorMap, SafetensorsFile } from './io/safetensors.js';

// Weights: checkpoints (safetensors), PyTorch state_dicts (safetensors or JSON) and name maps.
export { loadWeights, readNameMap, readWeightFile, renameByMapFile } from './weights_source.js';
export type { WeightFile, WeightFileKind } from './weights_source.js';
export { fromStateDict, renameByMap, renameByOrder } from './weight_import.js';
export { readTorchJson } from './weight_json_file.js';
export { readCheckpoint, writeCheckpoint, CHECKPOINT_FILE, OPTIMIZER_FILE, CHECKPOINT_FORMAT } from './platform/checkpoint_files.js';
export type { Checkpoint, CheckpointHeader } from './platform/checkpoint_files.js';

// Interchange: ONNX export (opset 13–17) of checked IR with weights in PyTorch's layout.
export { exportOnnx, ONNX_OPSETS, ONNX_INPUT, ONNX_OUTPUT } from './io/onnx/onnx_export.js';
export type { OnnxModel } from './io/onnx/onnx_export.js';
export { writeOnnxFile } from './platform/onnx_file.js';

// PyTorch export: model.py, model.safetensors, train_ddp.py (and optimizer.safetensors) for `netc export --format pytorch`.
export { exportPytorch, trainingFromCheckpoint } from './platform/pytorch_export.js';
export type { PytorchExportOptions, PytorchTraining } from './platform/pytorch_export.js';

// Errors a host reports to people (UserError and its kinds) apart from bugs; BackendError: a named backend cannot start.
export { UserError, DataError, WeightError, TrainingDiverged, BackendError } from './errors.js';

// The one TensorFlow.js engine every runtime module uses, for hosts that make tensors of their own.
export * as tf from './tfjs.js';
