import sys

from replycli.cli.app import main

sys.exit(main())
