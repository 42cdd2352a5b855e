import sys

from zitat.cli import main

sys.exit(main())
