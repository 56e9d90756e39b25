import Errcat
print(try lookupCode(catalog: "spaces", code: 42901)?.symbol ?? "none")
