#!/usr/bin/env python3
"""Write the tray icons under tray/ from one cloud shape and one badge per state.

Run it from any directory after changing a shape or a colour. It overwrites
tray/colour, tray/mono-light and tray/mono-dark. README.md gives the design rules.
"""

import math
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent / "tray"

STROKE = 2  # 1 px at 16 px
BADGE_STROKE = 2.5

# The cloud is the union of three circles standing on a flat base line.
LEFT_BUMP = ((9.0, 19.0), 6.0)
TOP_BUMP = ((16.0, 13.0), 8.0)
RIGHT_BUMP = ((24.0, 19.0), 6.0)
BASE_Y = 25.0

# Badges sit in the lower-right corner. The cloud outline bends around this
# circle, so a badge never touches the cloud, also in the mono variants.
# Badge drawers work around DRAWING_CENTRE, and svg() moves them onto BADGE_CENTRE.
BADGE_CENTRE = (25.0, 25.0)
NOTCH_RADIUS = 9.5
DRAWING_CENTRE = (24.0, 24.0)

SLATE = "#6b7780"
BLUE = "#1e88e5"
GREEN = "#2e9d4a"
ORANGE = "#ef7d00"
RED = "#e53935"

MONO_COLOURS = {"mono-light": "#232629", "mono-dark": "#eff0f1"}


def number(value):
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def point(p):
    return f"{number(p[0])} {number(p[1])}"


def circle_intersections(first, second):
    (x0, y0), r0 = first
    (x1, y1), r1 = second
    dx, dy = x1 - x0, y1 - y0
    distance = math.hypot(dx, dy)
    a = (r0 * r0 - r1 * r1 + distance * distance) / (2 * distance)
    h = math.sqrt(r0 * r0 - a * a)
    mx, my = x0 + a * dx / distance, y0 + a * dy / distance
    return [(mx + h * dy / distance, my - h * dx / distance),
            (mx - h * dy / distance, my + h * dx / distance)]


def upper(points):
    return min(points, key=lambda p: p[1])


def arc(circle, end, clockwise):
    # Every cloud arc turns through at most half a circle, so the
    # large-arc flag stays 0.
    radius = number(circle[1])
    return f"A{radius} {radius} 0 0 {int(clockwise)} {point(end)}"


def cloud_path(notched):
    """Return the cloud outline, clockwise from the bottom of the left bump."""
    left_top = upper(circle_intersections(LEFT_BUMP, TOP_BUMP))
    top_right = upper(circle_intersections(TOP_BUMP, RIGHT_BUMP))
    start = (LEFT_BUMP[0][0], BASE_Y)
    steps = [f"M{point(start)}",
             arc(LEFT_BUMP, left_top, clockwise=True),
             arc(TOP_BUMP, top_right, clockwise=True)]

    if not notched:
        steps.append(arc(RIGHT_BUMP, (RIGHT_BUMP[0][0], BASE_Y), clockwise=True))
        steps.append("Z")
        return "".join(steps)

    # The notch leaves the top of the right bump in place, so the outline
    # follows that bump until it meets the notch arc.
    notch = (BADGE_CENTRE, NOTCH_RADIUS)
    entry = upper(circle_intersections(RIGHT_BUMP, notch))
    dy = BASE_Y - BADGE_CENTRE[1]
    exit_point = (BADGE_CENTRE[0] - math.sqrt(NOTCH_RADIUS ** 2 - dy * dy), BASE_Y)
    steps.append(arc(RIGHT_BUMP, entry, clockwise=True))
    steps.append(arc(notch, exit_point, clockwise=False))
    steps.append("Z")
    return "".join(steps)


def cloud(style, colour):
    """Return the cloud element for a style such as "solid-notched" or "dashed-full"."""
    notched = style.endswith("notched")
    path = cloud_path(notched)
    common = (f'stroke="{colour}" stroke-width="{STROKE}" '
              'stroke-linejoin="round" stroke-linecap="round"')
    if style.startswith("solid"):
        return f'<path d="{path}" fill="{colour}" {common}/>'
    if style.startswith("dashed"):
        # Butt caps and 4-unit dashes leave 2 px gaps at 16 px, because round
        # caps would close them.
        dashed = common.replace('stroke-linecap="round"', 'stroke-linecap="butt"')
        return f'<path d="{path}" fill="none" {dashed} stroke-dasharray="4 4"/>'
    return f'<path d="{path}" fill="none" {common}/>'


def stroked(path, colour, width=BADGE_STROKE):
    return (f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{number(width)}" '
            'stroke-linecap="round" stroke-linejoin="round"/>')


def check_badge(colour):
    return stroked("M19 24.5l3 3 6-6.5", colour)


def renew_badge(colour):
    # Three quarters of a circle, open at the top right, with an arrowhead
    # at its upper end pointing clockwise.
    cx, cy = DRAWING_CENTRE
    radius = 4.5
    start = (cx + radius, cy)
    end = (cx, cy - radius)
    arrow = (f'<path d="M{point((end[0] - 0.5, end[1] - 2))}l3 2-3 2z" fill="{colour}" '
             f'stroke="{colour}" stroke-width="1" stroke-linejoin="round"/>')
    return stroked(f"M{point(start)}A{number(radius)} {number(radius)} 0 1 1 {point((end[0] - 0.5, end[1]))}",
                   colour, STROKE) + arrow


def clock_badge(colour):
    cx, cy = DRAWING_CENTRE
    face = (f'<circle cx="{number(cx)}" cy="{number(cy)}" r="5.5" fill="none" '
            f'stroke="{colour}" stroke-width="{STROKE}"/>')
    return face + stroked(f"M{point((cx, cy - 3))}V{number(cy)}h2.5", colour, STROKE)


def exclamation_badge(colour):
    # A bar that narrows downwards, and a square dot on whole pixels at 16 px.
    return (f'<path d="M22 18h4l-1 7h-2z" fill="{colour}" stroke="{colour}" '
            'stroke-width="0.5" stroke-linejoin="round"/>'
            f'<rect x="23" y="27" width="2" height="2" fill="{colour}"/>')


def lock_badge(colour):
    # The keyhole is a second sub-path, which even-odd filling leaves open.
    body = "M19 23h10v6h-10z" + "M23 25h2v2h-2z"
    shackle = stroked("M21 23v-2a3 3 0 0 1 6 0v2", colour, STROKE)
    return shackle + f'<path d="{body}" fill="{colour}" fill-rule="evenodd"/>'


def slash(colour):
    # Drawn in whole-icon coordinates, from above the top-left of the cloud
    # to below its bottom-right.
    return stroked("M4 5l24 22", colour, STROKE + 0.5)


# state: (cloud style, cloud colour, badge drawer or None, badge colour)
STATES = {
    "signed-out": ("outline-full", SLATE, None, None),
    "restoring": ("dashed-full", BLUE, None, None),
    "signed-in": ("solid-notched", BLUE, check_badge, GREEN),
    "renewing": ("solid-notched", BLUE, renew_badge, BLUE),
    "expiring-soon": ("solid-notched", BLUE, clock_badge, ORANGE),
    "offline": ("outline-full", SLATE, slash, SLATE),
    "session-ended": ("solid-notched", SLATE, exclamation_badge, RED),
    "keychain-problem": ("solid-notched", SLATE, lock_badge, RED),
}


def svg(state, variant):
    style, cloud_colour, badge, badge_colour = STATES[state]
    if variant != "colour":
        cloud_colour = badge_colour = MONO_COLOURS[variant]
    parts = [cloud(style, cloud_colour)]
    if badge is slash:
        # The slash crosses the whole cloud, so it is not moved like a badge.
        parts.append(badge(badge_colour))
    elif badge is not None:
        dx = BADGE_CENTRE[0] - DRAWING_CENTRE[0]
        dy = BADGE_CENTRE[1] - DRAWING_CENTRE[1]
        parts.append(f'<g transform="translate({number(dx)} {number(dy)})">{badge(badge_colour)}</g>')
    body = "\n  ".join(parts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="32" height="32" '
            f'viewBox="0 0 32 32">\n  <!-- Tray icon, {variant} variant: {state}. '
            f'Generated by generate-tray-icons.py. -->\n  {body}\n</svg>\n')


def main():
    for variant in ["colour", *MONO_COLOURS]:
        folder = ICON_DIR / variant
        folder.mkdir(parents=True, exist_ok=True)
        for state in STATES:
            (folder / f"{state}.svg").write_text(svg(state, variant))


if __name__ == "__main__":
    main()
