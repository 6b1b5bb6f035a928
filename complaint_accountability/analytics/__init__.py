"""The site's analytics beyond the monthly cycle: complaint indicators (投诉指标) and the quarterly
analysis report (投诉情况分析报告). Read through the row rules; computed by rules/indicators.py."""
