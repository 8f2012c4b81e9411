import LossAtlasCore
print(Catalog.ids)
