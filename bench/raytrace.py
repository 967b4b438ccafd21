# A small ray tracer: spheres and a checkered plane, point lights with
# shadows, Lambert and Phong shading, mirror reflections to a fixed depth.
# Renders into a list of rows in memory (nothing is written to disk) and
# prints checksums of the pixel values. Vector objects with operator
# methods, many short-lived instances, float math.
#
#     python3 bench/raytrace.py [width]

import math
import sys

EPSILON = 1e-5


class Vec:
    __slots__ = ('x', 'y', 'z')

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vec(-self.x, -self.y, -self.z)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def cross(self, o):
        return Vec(self.y * o.z - self.z * o.y,
                   self.z * o.x - self.x * o.z,
                   self.x * o.y - self.y * o.x)

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self * (1.0 / self.length())

    def reflect(self, normal):
        return self - normal * (2 * self.dot(normal))


class Color:
    __slots__ = ('r', 'g', 'b')

    def __init__(self, r, g, b):
        self.r = r
        self.g = g
        self.b = b

    def __add__(self, o):
        return Color(self.r + o.r, self.g + o.g, self.b + o.b)

    def scale(self, k):
        return Color(self.r * k, self.g * k, self.b * k)

    def tint(self, o):
        return Color(self.r * o.r, self.g * o.g, self.b * o.b)

    def to_bytes(self):
        return tuple(max(0, min(255, int(c * 255 + 0.5))) for c in (self.r, self.g, self.b))


BLACK = Color(0.0, 0.0, 0.0)
SKY = Color(0.35, 0.5, 0.8)


class Ray:
    __slots__ = ('origin', 'direction')

    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def at(self, t):
        return self.origin + self.direction * t


class Material:
    def __init__(self, color, diffuse, specular, shininess, reflect):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.shininess = shininess
        self.reflect = reflect

    def color_at(self, point):
        return self.color


class Checker(Material):
    def __init__(self, a, b, size, **kwargs):
        Material.__init__(self, a, **kwargs)
        self.other = b
        self.size = size

    def color_at(self, point):
        cell = math.floor(point.x / self.size) + math.floor(point.z / self.size)
        return self.color if cell % 2 == 0 else self.other


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def intersect(self, ray):
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return None

    def normal_at(self, point):
        return (point - self.center).normalized()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.normal = normal.normalized()
        self.material = material

    def intersect(self, ray):
        denom = ray.direction.dot(self.normal)
        if abs(denom) < EPSILON:
            return None
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > EPSILON else None

    def normal_at(self, point):
        return self.normal


class Light:
    def __init__(self, position, color):
        self.position = position
        self.color = color


class Scene:
    def __init__(self, objects, lights, max_depth):
        self.objects = objects
        self.lights = lights
        self.max_depth = max_depth

    def nearest(self, ray):
        best_t = math.inf
        best = None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < best_t:
                best_t = t
                best = obj
        return best, best_t

    def shadowed(self, point, light):
        to_light = light.position - point
        dist = to_light.length()
        ray = Ray(point, to_light * (1.0 / dist))
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < dist:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            return SKY.scale(0.5 + 0.5 * max(0.0, ray.direction.y))
        point = ray.at(t)
        normal = obj.normal_at(point)
        if normal.dot(ray.direction) > 0:
            normal = -normal
        mat = obj.material
        base = mat.color_at(point)
        color = base.scale(0.1)
        for light in self.lights:
            if self.shadowed(point, light):
                continue
            to_light = (light.position - point).normalized()
            lambert = normal.dot(to_light)
            if lambert > 0:
                color = color + base.tint(light.color).scale(lambert * mat.diffuse)
                half = (to_light - ray.direction).normalized()
                spec = normal.dot(half)
                if spec > 0:
                    color = color + light.color.scale(mat.specular * spec ** mat.shininess)
        if mat.reflect > 0 and depth < self.max_depth:
            bounce = Ray(point, ray.direction.reflect(normal))
            color = color + self.trace(bounce, depth + 1).scale(mat.reflect)
        return color


class Camera:
    def __init__(self, eye, target, up, fov_degrees, width, height):
        self.eye = eye
        self.forward = (target - eye).normalized()
        self.right = self.forward.cross(up).normalized()
        self.up = self.right.cross(self.forward)
        self.width = width
        self.height = height
        self.half = math.tan(math.radians(fov_degrees) / 2)

    def ray(self, px, py):
        aspect = self.width / self.height
        sx = (2 * (px + 0.5) / self.width - 1) * self.half * aspect
        sy = (1 - 2 * (py + 0.5) / self.height) * self.half
        direction = (self.forward + self.right * sx + self.up * sy).normalized()
        return Ray(self.eye, direction)


def build_scene():
    shiny = dict(diffuse=0.7, specular=0.5, shininess=40, reflect=0.3)
    objects = [
        Sphere(Vec(0.0, 1.0, 0.0), 1.0, Material(Color(0.9, 0.2, 0.2), **shiny)),
        Sphere(Vec(-2.2, 0.7, 1.0), 0.7, Material(Color(0.2, 0.8, 0.3), **shiny)),
        Sphere(Vec(2.0, 0.5, -0.5), 0.5, Material(Color(0.3, 0.3, 0.9), diffuse=0.9,
                                                  specular=0.2, shininess=10, reflect=0.0)),
        Sphere(Vec(0.8, 2.4, 2.0), 0.4, Material(Color(0.9, 0.9, 0.9), diffuse=0.2,
                                                 specular=0.9, shininess=80, reflect=0.7)),
        Plane(Vec(0.0, 0.0, 0.0), Vec(0.0, 1.0, 0.0),
              Checker(Color(0.9, 0.9, 0.9), Color(0.1, 0.1, 0.1), 1.0,
                      diffuse=0.8, specular=0.1, shininess=5, reflect=0.2)),
    ]
    lights = [Light(Vec(-4.0, 6.0, 5.0), Color(1.0, 1.0, 1.0)),
              Light(Vec(5.0, 4.0, 2.0), Color(0.4, 0.4, 0.5))]
    return Scene(objects, lights, 3)


def render(scene, camera):
    rows = []
    for py in range(camera.height):
        row = []
        for px in range(camera.width):
            row.append(scene.trace(camera.ray(px, py), 0).to_bytes())
        rows.append(row)
    return rows


def main(width):
    height = width * 3 // 4
    scene = build_scene()
    camera = Camera(Vec(0.0, 2.0, 7.0), Vec(0.0, 0.8, 0.0), Vec(0.0, 1.0, 0.0),
                    50, width, height)
    rows = render(scene, camera)
    total = 0
    weighted = 0
    for y, row in enumerate(rows):
        for x, (r, g, b) in enumerate(row):
            total += r + g + b
            weighted = (weighted * 31 + r * 65536 + g * 256 + b) % 1000000007
    print('image %dx%d' % (width, height))
    print('sum of channels', total)
    print('weighted checksum', weighted)
    print('centre pixel', rows[height // 2][width // 2])


main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
