"""Deterministic synthetic camera frames for the tests, the simulator and the benchmark.

A textured static background (asphalt-like noise and a few flat patches, so background subtraction
has something to learn) with one object moving across it, plus sensor noise per frame; everything is
drawn from a seeded generator so a clip is the same on every run.
"""

from collections.abc import Iterator

import cv2
import numpy as np

Point = tuple[float, float]


def background(width: int = 320, height: int = 240, seed: int = 0) -> np.ndarray:
    """A static BGR scene: smoothed noise plus a few grey rectangles (kerbs, buildings)."""
    rng = np.random.default_rng(seed)
    noise = rng.integers(60, 140, size=(height, width, 3), dtype=np.uint8)
    scene = cv2.GaussianBlur(noise, (5, 5), 0)
    for _ in range(6):
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        w, h = int(rng.integers(10, width // 3)), int(rng.integers(10, height // 3))
        shade = tuple(int(v) for v in rng.integers(40, 200, size=3))
        cv2.rectangle(scene, (x, y), (x + w, y + h), shade, -1)
    return scene


def _draw(frame: np.ndarray, shape: str, centre: Point, size: Point, colour) -> None:
    height, width = frame.shape[:2]
    cx, cy = round(centre[0] * width), round(centre[1] * height)
    hw, hh = round(size[0] * width / 2), round(size[1] * height / 2)
    if shape == "rectangle":
        cv2.rectangle(frame, (cx - hw, cy - hh), (cx + hw, cy + hh), colour, -1)
    elif shape == "ellipse":
        cv2.ellipse(frame, (cx, cy), (hw, hh), 0, 0, 360, colour, -1)
    elif shape == "person":
        # Head, torso and two legs, in proportions close to the HOG detector's training people.
        head = max(2, hh // 4)
        cv2.circle(frame, (cx, cy - hh + head), head, colour, -1)
        cv2.rectangle(frame, (cx - hw, cy - hh + 2 * head), (cx + hw, cy + hh // 8), colour, -1)
        cv2.rectangle(frame, (cx - hw, cy + hh // 8), (cx - hw // 4, cy + hh), colour, -1)
        cv2.rectangle(frame, (cx + hw // 4, cy + hh // 8), (cx + hw, cy + hh), colour, -1)
    else:
        raise ValueError(f"unknown shape {shape!r}")


def moving_object_clip(
    start: Point,
    end: Point,
    frames: int = 30,
    lead_in: int = 10,
    shape: str = "rectangle",
    size: Point = (0.15, 0.12),
    width: int = 320,
    height: int = 240,
    noise: float = 2.0,
    seed: int = 0,
) -> Iterator[np.ndarray]:
    """lead_in empty frames (for warm-up), then an object moving from start to end in frames steps.

    A start or end off the frame (below 0 or above 1) lets the object enter or leave the view.
    """
    scene = background(width, height, seed)
    rng = np.random.default_rng(seed + 1)
    # A dark vehicle or a person in work clothes, far from the background's mean grey.
    colour = (20, 20, 230) if shape == "rectangle" else (230, 230, 30)
    for index in range(lead_in + frames):
        frame = scene.copy()
        if index >= lead_in:
            t = (index - lead_in) / max(1, frames - 1)
            centre = (start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1]))
            _draw(frame, shape, centre, size, colour)
        if noise:
            jitter = rng.normal(0, noise, size=frame.shape)
            frame = np.clip(frame + jitter, 0, 255).astype(np.uint8)
        yield frame


def static_clip(frames: int = 30, width: int = 320, height: int = 240, noise: float = 2.0, seed: int = 0):
    """The background alone, with sensor noise: nothing should be reported after warm-up."""
    return moving_object_clip(
        (0, 0), (0, 0), frames=0, lead_in=frames, width=width, height=height, noise=noise, seed=seed
    )


def encode_jpeg(frame: np.ndarray, quality: int = 80) -> bytes:
    """JPEG bytes, as a snapshot URL serves them."""
    ok, buffer = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("frame could not be encoded as JPEG")
    return buffer.tobytes()


def decode_jpeg(data: bytes) -> np.ndarray:
    """A BGR frame from JPEG (or PNG) bytes; ValueError for anything that is not an image."""
    frame = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if frame is None:
        raise ValueError("not a decodable image")
    return frame
