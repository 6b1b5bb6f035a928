const PERIOD_COLOURS = {
	"Not Compiled": "orange",
	Compiled: "blue",
	Notified: "purple",
	"Handed Off": "cyan",
	Paid: "green",
};

frappe.listview_settings["Accountability Period"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		return [__(doc.status), PERIOD_COLOURS[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
