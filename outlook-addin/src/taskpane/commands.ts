// Function file named by the manifest (FunctionFile): no UI-less commands yet, only Office.js initialisation.
if (typeof Office !== 'undefined') void Office.onReady();
