const ENTRY_COLOURS = {
	Pending: "orange",
	"Handed Off": "blue",
	Deducted: "green",
	Cancelled: "gray",
};

frappe.listview_settings["Penalty Entry"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		return [__(doc.status), ENTRY_COLOURS[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
