import sys
from pathlib import Path

# Lets the test modules import mof_helpers without making tests/ a package.
sys.path.insert(0, str(Path(__file__).parent))
