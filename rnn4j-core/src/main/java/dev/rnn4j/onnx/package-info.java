/**
 * ONNX export: {@link dev.rnn4j.onnx.Onnx} writes a recurrent module as an ONNX model that ONNX runtimes
 * (onnxruntime, TensorRT, OpenVINO, …) run with the module's results. The protocol-buffer encoding is written here
 * by hand; the library keeps no runtime dependency.
 */
package dev.rnn4j.onnx;
