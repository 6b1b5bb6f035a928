frappe.ui.form.on("Responsibility Finding", {
	refresh(frm) {
		if (frm.doc.workflow_state !== "Final") return;
		if (frm.doc.appeal_deadline) {
			frm.dashboard.set_headline_alert(
				__("You may appeal until the end of {0}, with evidence that you are not responsible", [
					frappe.datetime.str_to_user(frm.doc.appeal_deadline, false, true),
				]),
				"blue"
			);
		}
		if (frappe.model.can_create("Appeal")) {
			frm.add_custom_button(__("File an Appeal"), () =>
				frappe.new_doc("Appeal", { responsibility_finding: frm.doc.name })
			).addClass("btn-primary");
		}
	},
});
