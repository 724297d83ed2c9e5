require ["reject"];
reject "I do not accept messages from this address. Please stop writing to me.";
