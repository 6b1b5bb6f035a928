frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Exemption and Appeal Rates"] = {
	method: "complaint_accountability.complaint_accountability.dashboard_chart_source.exemption_and_appeal_rates.exemption_and_appeal_rates.get",
	filters: [
		{
			fieldname: "periods",
			label: __("Number of Periods"),
			fieldtype: "Int",
			default: 12,
		},
	],
};
