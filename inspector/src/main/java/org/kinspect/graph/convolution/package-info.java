/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): convolutions DL4J
 * lacks or imports wrongly. Mappers: {@link org.kinspect.graph.convolution.SequenceConvolutionMapper}
 * ({@code DepthwiseConv1D}, {@code SeparableConv1D}, {@code Conv1DTranspose}, computed as 2D
 * operations on a sequence one column wide), {@link org.kinspect.graph.convolution.DepthwiseConvolutionMapper},
 * {@link org.kinspect.graph.convolution.ConvolutionalLstmMapper} and its Bidirectional form
 * ({@code ConvLSTM2D}). Corrections of DL4J's graph: {@link org.kinspect.graph.convolution.ChannelsFirstKernels}
 * (channels_first kernels read as Theano's) and {@link org.kinspect.graph.convolution.MixedImageLayouts}
 * (each image layer reads its input in its own {@code data_format}).
 *
 * <p>Must not depend on {@code inspect} or {@code report}. It builds on {@code graph.layers}
 * (base types, recurrent hints), which imports it back for the registry (issue 17).
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("ConvLSTM2D", ConvolutionalLstmMapper.class);
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph.convolution;
