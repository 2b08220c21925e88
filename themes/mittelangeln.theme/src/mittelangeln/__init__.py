# Namespace package (pkgutil style): further mittelangeln.* distributions can
# share it, and setuptools keeps the plain src/ path for editable installs,
# which zc.buildout needs to put the package on its scripts' path.
__path__ = __import__("pkgutil").extend_path(__path__, __name__)
