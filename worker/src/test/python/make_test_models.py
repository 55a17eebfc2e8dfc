#!/usr/bin/env python3
"""Writes the tiny ONNX models the worker's tests run (opset 13), into ../resources/models/.

Every model scores 5 channels (background + 4 classes) with a fixed 1x1 convolution, so the class of a
pixel is a known function of its colour (x = pixel / 255):

    s0 = 0.5                  background
    s1 = 2R - G - B           red    -> class 1
    s2 = 2G - R - B           green  -> class 2
    s3 = 2B - R - G           blue   -> class 3
    s4 = R + G + B - 2        white  -> class 4 (grey v >= 213 too: 3v/255 - 2 > 0.5)

Black and mid grey are background; yellow ties classes 1 and 2 exactly (ties go to the lowest index).
Regenerate with:  /usr/bin/python3 worker/src/test/python/make_test_models.py
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "models")
CLASSES = "PI_Particle,PR_Peeling,Copper_Nodule,Env_Particle"

WEIGHTS = np.array([
    [0, 0, 0],
    [2, -1, -1],
    [-1, 2, -1],
    [-1, -1, 2],
    [1, 1, 1],
], dtype=np.float32).reshape(5, 3, 1, 1)
BIAS = np.array([0.5, 0, 0, 0, -2], dtype=np.float32)


def conv_nodes(src, dst):
    inits = [numpy_helper.from_array(WEIGHTS, "colour_w"), numpy_helper.from_array(BIAS, "colour_b")]
    return [helper.make_node("Conv", [src, "colour_w", "colour_b"], [dst])], inits


def save(name, nodes, inits, inp, out, metadata):
    graph = helper.make_graph(nodes, name, [inp], [out], initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="aoi-tests")
    model.ir_version = 7  # readable by every ONNX Runtime since 1.6
    for key, value in metadata.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    with open(os.path.join(OUT, name + ".onnx"), "wb") as f:
        f.write(model.SerializeToString())


def tensor(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


def colour():
    """Dynamic N, H, W; full-resolution output; class names in the metadata."""
    nodes, inits = conv_nodes("image", "scores")
    save("colour", nodes, inits, tensor("image", ["N", 3, "H", "W"]), tensor("scores", ["N", 5, "H", "W"]),
         {"aoi.classes": CLASSES, "aoi.model_name": "colour-test"})


def colour_no_metadata():
    """As colour, without metadata: the default class names apply."""
    nodes, inits = conv_nodes("image", "scores")
    save("colour_no_metadata", nodes, inits, tensor("image", ["N", 3, "H", "W"]),
         tensor("scores", ["N", 5, "H", "W"]), {})


def colour_static64():
    """Fixed [1,3,64,64] input: the worker stretches every frame to 64x64 and resizes the class map back."""
    nodes, inits = conv_nodes("image", "scores")
    save("colour_static64", nodes, inits, tensor("image", [1, 3, 64, 64]), tensor("scores", [1, 5, 64, 64]),
         {"aoi.classes": CLASSES})


def colour_half():
    """Output at half resolution (every second row and column), to exercise the nearest-neighbour resize."""
    nodes, inits = conv_nodes("image", "full")
    inits += [numpy_helper.from_array(np.array(v, dtype=np.int64), n) for n, v in
              [("starts", [0, 0]), ("ends", [2**62, 2**62]), ("axes", [2, 3]), ("steps", [2, 2])]]
    nodes.append(helper.make_node("Slice", ["full", "starts", "ends", "axes", "steps"], ["scores"]))
    save("colour_half", nodes, inits, tensor("image", ["N", 3, "H", "W"]), tensor("scores", ["N", 5, "h", "w"]),
         {"aoi.classes": CLASSES})


def wrong_class_count():
    """Metadata names 3 classes, the output has 4 + background."""
    nodes, inits = conv_nodes("image", "scores")
    save("wrong_class_count", nodes, inits, tensor("image", ["N", 3, "H", "W"]),
         tensor("scores", ["N", 5, "H", "W"]), {"aoi.classes": "a,b,c"})


def rank3_input():
    """Input [3,H,W] (no batch dimension): refused by the contract."""
    inits = [numpy_helper.from_array(np.array([0], dtype=np.int64), "axis0")]
    nodes = [helper.make_node("Unsqueeze", ["image", "axis0"], ["batched"])]
    conv, conv_inits = conv_nodes("batched", "scores")
    save("rank3_input", nodes + conv, inits + conv_inits, tensor("image", [3, "H", "W"]),
         tensor("scores", [1, 5, "H", "W"]), {"aoi.classes": CLASSES})


def poison_top_left_red():
    """As colour, but the run fails (Gather index out of range) when a frame's top-left pixel has R = 255."""
    nodes, inits = conv_nodes("image", "conv")
    inits += [
        numpy_helper.from_array(np.array([0, 0, 0, 0], dtype=np.int64), "s"),
        numpy_helper.from_array(np.array([2**62, 1, 1, 1], dtype=np.int64), "e"),
        numpy_helper.from_array(np.array(10.0, dtype=np.float32), "ten"),
        numpy_helper.from_array(np.zeros(10, dtype=np.float32), "table"),
    ]
    nodes += [
        helper.make_node("Slice", ["image", "s", "e"], ["red00"]),           # [N,1,1,1]
        helper.make_node("Mul", ["red00", "ten"], ["scaled"]),
        helper.make_node("Floor", ["scaled"], ["floored"]),
        helper.make_node("Cast", ["floored"], ["index"], to=TensorProto.INT64),  # 10 when R = 255
        helper.make_node("Gather", ["table", "index"], ["zero"]),            # out of range -> error
        helper.make_node("Add", ["conv", "zero"], ["scores"]),
    ]
    save("poison_top_left_red", nodes, inits, tensor("image", ["N", 3, "H", "W"]),
         tensor("scores", ["N", 5, "H", "W"]), {"aoi.classes": CLASSES})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for make in (colour, colour_no_metadata, colour_static64, colour_half, wrong_class_count, rank3_input,
                 poison_top_left_red):
        make()
    print("wrote", sorted(os.listdir(OUT)))
