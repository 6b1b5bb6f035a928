frappe.ui.form.on("Ledger Import", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status === "Successful") return;
		frm.add_custom_button(__("Start Import"), () =>
			frappe.call({
				method: "complaint_accountability.api.import_ledger",
				args: { ledger_import: frm.doc.name },
				freeze: true,
				freeze_message: __("Importing the ledger…"),
				callback: () => frm.reload_doc(),
			})
		).addClass("btn-primary");
	},
});
