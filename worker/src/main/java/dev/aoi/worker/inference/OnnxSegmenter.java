package dev.aoi.worker.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.aoi.common.event.ModelInfo;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.Frame;
import dev.aoi.imaging.OpenCvLoader;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments frames with one ONNX model (docs/model.md): RGB planes of {@code pixel/255} in, per-pixel argmax out, class
 * maps always at the frame's own resolution. Frames of one size go through in one run when the model's batch
 * dimension is dynamic. Runs are serialised (one reusable native input buffer); ONNX Runtime parallelises inside
 * each run with its intra-op threads.
 */
public final class OnnxSegmenter implements Segmenter {

    private static final Logger log = LoggerFactory.getLogger(OnnxSegmenter.class);
    private static final int PROBE_SIZE = 64;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelContract contract;
    private final ModelInfo modelInfo;
    private final String device;
    private final InputPacker packer = new InputPacker();

    /** Device and threads: device {@code auto} (CUDA when it works, else CPU), {@code cuda} or {@code cpu}. */
    public record Options(String device, int intraOpThreads) {

        public Options {
            device = device == null ? "auto" : device.strip().toLowerCase(Locale.ROOT);
            if (!List.of("auto", "cuda", "cpu").contains(device)) {
                throw new IllegalArgumentException("device must be auto, cuda or cpu, got '" + device + "'");
            }
            if (intraOpThreads < 0) {
                throw new IllegalArgumentException("intra-op threads must be >= 0 (0 = ONNX Runtime's default)");
            }
        }

        public static Options defaults() {
            return new Options("auto", 0);
        }
    }

    private OnnxSegmenter(OrtEnvironment env, OrtSession session, ModelContract contract, ModelInfo modelInfo,
            String device) {
        this.env = env;
        this.session = session;
        this.contract = contract;
        this.modelInfo = modelInfo;
        this.device = device;
    }

    /** Loads and checks {@code modelFile}; throws {@link InvalidModelException} saying what does not fit. */
    public static OnnxSegmenter open(Path modelFile, Options options) {
        OpenCvLoader.ensureLoaded();
        if (!Files.isRegularFile(modelFile)) {
            throw new InvalidModelException("model file " + modelFile + " does not exist or is not a file");
        }
        String sha256 = ModelFiles.sha256(modelFile);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String[] chosen = new String[1];
        OrtSession session = createSession(env, modelFile, options, chosen);
        try {
            Map<String, String> metadata = session.getMetadata().getCustomMetadata();
            ModelContract contract = ModelContract.check(modelFile.toString(), signatures(session.getInputInfo()),
                    signatures(session.getOutputInfo()), metadata);
            String name = metadata.getOrDefault(ModelContract.NAME_KEY, ModelFiles.baseName(modelFile));
            OnnxSegmenter segmenter = new OnnxSegmenter(env, session, contract, new ModelInfo(name, sha256), chosen[0]);
            if (contract.outputChannels() < 0) {
                segmenter.probeOutputChannels();
            }
            return segmenter;
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof InvalidModelException invalid) {
                throw invalid;
            }
            throw new InvalidModelException("model " + modelFile + " cannot be read by ONNX Runtime: " + e.getMessage(), e);
        }
    }

    @Override
    public ModelInfo modelInfo() {
        return modelInfo;
    }

    @Override
    public List<String> classNames() {
        return contract.classNames();
    }

    public ModelContract contract() {
        return contract;
    }

    /** The device actually used: {@code cuda} or {@code cpu}. */
    @Override
    public String device() {
        return device;
    }

    /**
     * Class maps for {@code frames}, in order, each at its frame's resolution. With a dynamic batch dimension,
     * frames of the same model input size share a run; otherwise they run one by one.
     *
     * @throws InferenceException when a run fails; which frame caused it is unknown, so retry them one by one
     */
    @Override
    public List<ClassMap> segment(List<Frame> frames) {
        ClassMap[] maps = new ClassMap[frames.size()];
        List<List<Integer>> groups = new ArrayList<>();
        Map<Long, List<Integer>> bySize = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            if (!contract.dynamicBatch()) {
                groups.add(List.of(i));
                continue;
            }
            Frame f = frames.get(i);
            long key = contract.dynamicSize() ? ((long) f.width() << 32) | f.height() : 0;
            bySize.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        groups.addAll(bySize.values());
        for (List<Integer> group : groups) {
            List<Frame> batch = new ArrayList<>(group.size());
            group.forEach(i -> batch.add(frames.get(i)));
            List<ClassMap> out = run(batch);
            for (int k = 0; k < group.size(); k++) {
                maps[group.get(k)] = out.get(k);
            }
        }
        return List.of(maps);
    }

    /** Runs one batch; the argmax happens outside the lock, so the next batch can start meanwhile. */
    private List<ClassMap> run(List<Frame> batch) {
        Scores scores = infer(batch);
        int block = scores.channels() * scores.height() * scores.width();
        List<ClassMap> maps = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Frame f = batch.get(i);
            ClassMap map = ClassMap.fromScores(scores.data(), i * block, scores.channels(), scores.height(), scores.width());
            maps.add(scores.width() == f.width() && scores.height() == f.height() ? map
                    : map.resizeNearest(f.width(), f.height()));
        }
        return maps;
    }

    /** The output of one run, copied to the heap: {@code [N, channels, height, width]}. */
    private record Scores(float[] data, int channels, int height, int width) {
    }

    private synchronized Scores infer(List<Frame> batch) {
        int n = batch.size();
        int h = contract.dynamicSize() ? batch.get(0).height() : contract.inputHeight();
        int w = contract.dynamicSize() ? batch.get(0).width() : contract.inputWidth();
        FloatBuffer input = packer.pack(batch, w, h);
        OnnxTensor tensor = null;
        OrtSession.Result result = null;
        try {
            tensor = OnnxTensor.createTensor(env, input, new long[] {n, 3, h, w});
            result = session.run(Map.of(contract.inputName(), tensor), Set.of(contract.outputName()));
            OnnxValue value = result.get(0);
            if (!(value instanceof OnnxTensor scores)) {
                throw new InferenceException("output '" + contract.outputName() + "' is not a tensor", null);
            }
            long[] shape = scores.getInfo().getShape();
            int channels = contract.classNames().size() + 1;
            if (shape.length != 4 || shape[0] != n || shape[1] != channels || scores.getInfo().type != OnnxJavaType.FLOAT) {
                throw new InferenceException("output '" + contract.outputName() + "' came back as "
                        + scores.getInfo().type + " " + Arrays.toString(shape) + "; expected float [" + n + ","
                        + channels + ",H',W']", null);
            }
            FloatBuffer buffer = scores.getFloatBuffer();
            float[] data = buffer.hasArray() && buffer.arrayOffset() == 0 ? buffer.array() : copy(buffer);
            return new Scores(data, channels, (int) shape[2], (int) shape[3]);
        } catch (OrtException e) {
            throw new InferenceException("model " + modelInfo.name() + " failed on a batch of " + n + " frame(s) of "
                    + w + "x" + h + ": " + e.getMessage(), e);
        } finally {
            if (result != null) {
                result.close();
            }
            if (tensor != null) {
                tensor.close();
            }
        }
    }

    private static float[] copy(FloatBuffer buffer) {
        float[] data = new float[buffer.remaining()];
        buffer.get(data);
        return data;
    }

    /** The output's channel count is dynamic in the file: one small run finds it before any frame is taken. */
    private void probeOutputChannels() {
        int h = contract.dynamicSize() ? PROBE_SIZE : contract.inputHeight();
        int w = contract.dynamicSize() ? PROBE_SIZE : contract.inputWidth();
        try {
            run(List.of(new Frame(w, h, new byte[3 * w * h])));
        } catch (InferenceException e) {
            throw new InvalidModelException("model " + modelInfo.name() + " failed its start-up check on a blank "
                    + w + "x" + h + " frame: " + e.getMessage(), e);
        }
    }

    private static OrtSession createSession(OrtEnvironment env, Path model, Options options, String[] chosen) {
        String why = "device=cpu";
        if (!options.device().equals("cpu")) {
            try (OrtSession.SessionOptions cuda = sessionOptions(options)) {
                if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                    throw new IllegalStateException("this ONNX Runtime build has no CUDA provider (CPU jar; build"
                            + " with -Pgpu for onnxruntime_gpu)");
                }
                cuda.addCUDA(0);
                OrtSession session = env.createSession(model.toString(), cuda);
                chosen[0] = "cuda";
                log.info("ONNX Runtime device: cuda (device={}) for model {}", options.device(), model);
                return session;
            } catch (OrtException | RuntimeException | LinkageError e) {
                if (options.device().equals("cuda")) {
                    throw new InvalidModelException("device=cuda but the CUDA provider cannot be used: " + e.getMessage()
                            + "; use device=auto or cpu, or install CUDA 12 + cuDNN 9 and the GPU build", e);
                }
                why = "device=auto and CUDA is unavailable: " + e.getMessage();
            }
        }
        try (OrtSession.SessionOptions cpu = sessionOptions(options)) {
            OrtSession session = env.createSession(model.toString(), cpu);
            chosen[0] = "cpu";
            log.info("ONNX Runtime device: cpu ({}) for model {}", why, model);
            return session;
        } catch (OrtException e) {
            throw new InvalidModelException("model " + model + " cannot be loaded by ONNX Runtime: " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions sessionOptions(Options options) {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        try {
            if (options.intraOpThreads() > 0) {
                opts.setIntraOpNumThreads(options.intraOpThreads());
            }
            opts.setInterOpNumThreads(1);
            // Decoding and rendering share the cores with inference: idle ORT threads must sleep, not spin.
            opts.addConfigEntry("session.intra_op.allow_spinning", "0");
            return opts;
        } catch (OrtException e) {
            opts.close();
            throw new IllegalStateException("cannot configure ONNX Runtime: " + e.getMessage(), e);
        }
    }

    private static Map<String, ModelContract.Signature> signatures(Map<String, NodeInfo> nodes) {
        Map<String, ModelContract.Signature> out = new LinkedHashMap<>();
        nodes.forEach((name, node) -> {
            if (node.getInfo() instanceof TensorInfo t) {
                out.put(name, new ModelContract.Signature(t.type == OnnxJavaType.FLOAT, t.getShape(), t.type.toString()));
            } else {
                out.put(name, new ModelContract.Signature(false, new long[0], node.getInfo().toString()));
            }
        });
        return out;
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            log.warn("closing the ONNX session failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
        packer.close();
    }
}
