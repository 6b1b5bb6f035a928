import re
from pathlib import Path

from setuptools import find_packages, setup

# Read, not imported: the build runs in an isolated environment without the package's dependencies.
version = re.search(r'__version__ = "(.+)"', Path("complaint_accountability/__init__.py").read_text()).group(
	1
)

with open("requirements.txt") as f:
	install_requires = [line.strip() for line in f if line.strip() and not line.startswith("#")]

setup(
	name="complaint_accountability",
	version=version,
	description="Complaint accountability (投诉管理责任追究) for an insurance branch",
	author="complaint_accountability",
	author_email="dev@complaint-accountability.local",
	packages=find_packages(exclude=["tests", "tests.*", "benchmarks"]),
	zip_safe=False,
	include_package_data=True,
	install_requires=install_requires,
	python_requires=">=3.10",
	entry_points={
		"console_scripts": [
			"complaint-accountability=complaint_accountability.ledger.cli:main",
		]
	},
)
