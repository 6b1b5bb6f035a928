from setuptools import find_packages, setup

from complaint_accountability import __version__ as version

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
